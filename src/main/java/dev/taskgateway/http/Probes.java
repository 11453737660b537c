package dev.taskgateway.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the liveness and readiness probes without the rest of the stack: monitors call them
 * every few seconds on every replica, and under load a probe that waits behind the security
 * chain, MVC's content negotiation and the actuator's reflective invocation is a probe that
 * times out and restarts a healthy pod (issue 16: the full path cost ~7 × a bare MVC request).
 *
 * <p>Only the plain request takes this path: {@code GET} or {@code HEAD} of
 * {@code <base>/health/liveness} or {@code <base>/health/readiness}, no query, no key, no
 * {@code Accept} absent or {@code *}{@code /*}, otherwise plain ({@link Shortcut#plain}: no
 * {@code Origin}, no body, every header value printable ASCII). Anything else (a key that may see details, a CORS request, another media type, an odd
 * header) goes down the full chain, which decides as before.
 *
 * <p>The answer is the actuator's own: its health extension computes the group's health as an
 * anonymous caller sees it, its JSON mapper writes it, and {@link SecurityHeaders} adds the
 * headers the chain would. {@code ProbesTests} holds the two paths to the same bytes.
 */
public final class Probes implements Shortcut {

    static final String MEDIA_TYPE = "application/vnd.spring-boot.actuator.v3+json";
    /** The key header (the security package reads it too): a caller with a key may see details. */
    private static final String API_KEY_HEADER = "X-API-Key";

    private final HealthEndpointWebExtension health;
    private final JsonMapper json;
    private final Map<String, String> groupByPath;

    /**
     * @param health   the actuator's health web extension, or null to answer no probe here
     * @param json     the mapper the actuator writes endpoint answers with
     * @param basePath the actuator's base path ({@code management.endpoints.web.base-path})
     */
    public Probes(HealthEndpointWebExtension health, JsonMapper json, String basePath) {
        this.health = health;
        this.json = json;
        this.groupByPath = Map.of(basePath + "/health/liveness", "liveness",
                basePath + "/health/readiness", "readiness");
    }

    /** A {@code Probes} that answers nothing: every request goes down the chain. */
    public static Probes none() {
        return new Probes(null, null, "");
    }

    /** Answers {@code request} when it is a plain probe; false (nothing written) otherwise. */
    @Override
    public boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String group = health == null ? null : plainProbe(request);
        if (group == null) {
            return false;
        }
        WebEndpointResponse<HealthDescriptor> answer = health.health(ApiVersion.V3, WebServerNamespace.SERVER,
                SecurityContext.NONE, group);
        if (answer.getStatus() == WebEndpointResponse.STATUS_NOT_FOUND) {
            return false; // no such group (probes switched off): the chain answers its problem
        }
        SecurityHeaders.write(request, response);
        response.setStatus(answer.getStatus());
        response.setContentType(MEDIA_TYPE);
        if (answer.getBody() != null && "GET".equals(request.getMethod())) {
            response.getOutputStream().write(json.writeValueAsBytes(answer.getBody()));
        }
        return true;
    }

    /** The group a plain probe asks for, or null when the request is anything else. */
    private String plainProbe(HttpServletRequest request) {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method) || request.getQueryString() != null) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String group = groupByPath.get(path);
        if (group == null || request.getHeader(HttpHeaders.ORIGIN) != null
                || request.getHeader(API_KEY_HEADER) != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return (accept == null || accept.equals("*/*")) && Shortcut.plain(request, 0) ? group : null;
    }
}
