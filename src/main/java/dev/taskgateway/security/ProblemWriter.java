package dev.taskgateway.security;

import dev.taskgateway.http.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problems from the places that answer before Spring MVC: the security filters,
 * the firewall, the error page and Tomcat's error valve. Never echoes request content.
 */
final class ProblemWriter {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemWriter() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug,
                      String title, String detail) throws IOException {
        write(response, body(status, slug, title, detail, request.getRequestURI(), request.getAttribute(RequestIds.ATTRIBUTE)));
    }

    static void write(HttpServletResponse response, Map<String, Object> problem) throws IOException {
        response.setStatus((Integer) problem.get("status"));
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /**
     * The request's id (set by the request id filter), or a new one for requests that never passed
     * it (refused by Tomcat before any filter); either way it is also put on the response.
     */
    static String requestId(HttpServletRequest request, HttpServletResponse response) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = id == null ? RequestIds.next() : id.toString();
        response.setHeader(RequestIds.HEADER, requestId);
        return requestId;
    }

    /** A problem that says no more than its status: {@code /problems/not-found} or {@code /problems/http-<status>}. */
    static Map<String, Object> forStatus(int status, String instance, String requestId) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return status == 404 ? body(404, "not-found", title, "no such endpoint or resource", instance, requestId)
                : body(status, "http-" + status, title, title, instance, requestId);
    }

    /** The problem members, in the order the API shows them; a null instance is left out. */
    static Map<String, Object> body(int status, String slug, String title, String detail, String instance,
                                    Object requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("requestId", requestId);
        return body;
    }
}
