package dev.taskgateway.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place problems (RFC 9457) are made: {@link #problem} gives every answer of the gateway
 * its {@code /problems/<slug>} type, title, status, detail, instance and {@code requestId}; the
 * API's exception handler returns them through Spring MVC, and the places that answer before MVC
 * (the security filters, the firewall, the error page, Tomcat's error valve) write them here with
 * the same JSON shape. Never echoes request content.
 */
public final class ProblemWriter {

    /** The detail of every 404 for a path nothing answers. */
    public static final String NO_SUCH_ENDPOINT = "no such endpoint or resource";

    /** Writes a {@link ProblemDetail} as MVC's converter does: its extra properties inline. */
    static final JsonMapper JSON = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
            .build();

    private ProblemWriter() {
    }

    /** A problem of type {@code /problems/<slug>}; a null instance is left out. */
    public static ProblemDetail problem(int status, String slug, String title, String detail, String instance,
                                        Object requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        problem.setProperty("requestId", requestId);
        return problem;
    }

    /** A problem that says no more than its status: {@code /problems/not-found} or {@code /problems/http-<status>}. */
    public static ProblemDetail forStatus(int status, String instance, Object requestId) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return status == 404 ? problem(404, "not-found", title, NO_SUCH_ENDPOINT, instance, requestId)
                : problem(status, "http-" + status, title, title, instance, requestId);
    }

    /** Writes the problem for {@code request} (its URI the instance, its id the requestId). */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String slug,
                             String title, String detail) throws IOException {
        write(response, problem(status, slug, title, detail, request.getRequestURI(),
                request.getAttribute(RequestIds.ATTRIBUTE)));
    }

    /** Writes {@code problem} as the whole answer: its status, {@code application/problem+json}, the body. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The problem as JSON text, for writers that have no output stream (Tomcat's error reporter). */
    static String json(ProblemDetail problem) {
        return JSON.writeValueAsString(problem);
    }

    /**
     * The request's id (set by the request scope filter), or a new one for requests that never
     * passed it (refused by Tomcat before any filter); either way it is also put on the response.
     */
    static String requestId(HttpServletRequest request, HttpServletResponse response) {
        Object id = request.getAttribute(RequestIds.ATTRIBUTE);
        String requestId = id == null ? RequestIds.next() : id.toString();
        response.setHeader(RequestIds.HEADER, requestId);
        return requestId;
    }
}
