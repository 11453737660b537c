package dev.taskgateway.api;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.http.SecurityHeaders;
import dev.taskgateway.http.Shortcut;
import dev.taskgateway.security.ReadAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * A repeated {@code GET /tasks} whose rendered answer is still valid ({@link RenderedLists}),
 * answered from the front filter: the key checked as the security chain checks it ({@link
 * ReadAccess}), the bytes and ETag written as {@link TaskController#list} writes them (304 for a
 * matching {@code If-None-Match}), the headers the chain adds ({@link SecurityHeaders}), and the
 * request timed under {@code http.server.requests} with the tags the observation filter gives it.
 *
 * <p>Why: with the answer in hand, the rest of the stack (Spring Security's chain, the observation
 * and its span, MVC's handler lookup through the actuator's mappings, argument resolution and
 * message conversion) was five sixths of a cached list's cost (issue 16, JFR). What it gives up:
 * these hits open no server span (they do nothing worth tracing; every miss is traced as before).
 *
 * <p>It answers only when it is sure: a plain request ({@link Shortcut#plain}), {@code Accept}
 * absent, {@code *}{@code /*} or {@code application/json}, a query the parser accepts, no
 * {@code Cache-Control: no-cache}, a valid rendered answer, and a key the chain would admit. Every
 * other request, and every refusal (400, 401, 403, 429), is the chain's, unchanged.
 */
final class CachedListShortcut implements Shortcut {

    private static final String PATH = "/tasks";
    private static final String TIMER = "http.server.requests";

    private final TaskQueryParser parser;
    private final TaskQueryEngine engine;
    private final RenderedLists rendered;
    private final ReadAccess access;
    private final MeterRegistry meters;
    private final int maxQueryLength;
    private volatile Timer ok;
    private volatile Timer notModified;

    CachedListShortcut(TaskQueryParser parser, TaskQueryEngine engine, RenderedLists rendered, ReadAccess access,
                       MeterRegistry meters, int maxQueryLength) {
        this.parser = parser;
        this.engine = engine;
        this.rendered = rendered;
        this.access = access;
        this.meters = meters;
        this.maxQueryLength = maxQueryLength;
    }

    @Override
    public boolean answered(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        if (!"GET".equals(request.getMethod()) || !request.getRequestURI().equals(request.getContextPath() + PATH)
                || !acceptsJson(request.getHeader(HttpHeaders.ACCEPT)) || CallContext.current().noCache()
                || !Shortcut.plain(request, maxQueryLength)) {
            return false;
        }
        TaskQuery query;
        try {
            query = parser.list(request.getParameterMap());
        } catch (RuntimeException invalid) {
            return false; // the chain answers the 400 that names it
        }
        RenderedLists.Rendered answer = rendered.valid(query, engine.readsChanges());
        if (answer == null || !access.grants(request)) {
            return false;
        }
        rendered.reusedOnce();
        engine.answeredFromHeld(answer.sources());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
        SecurityHeaders.write(request, response);
        if (new ServletWebRequest(request, response).checkNotModified(answer.etag())) {
            notModified().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return true;
        }
        response.setHeader(HttpHeaders.ETAG, answer.etag());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.body().length);
        // Timed before the write: with the length declared, Tomcat completes the answer on its last
        // byte, and a client that saw it must find it counted.
        ok().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        response.getOutputStream().write(answer.body());
        return true;
    }

    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals(MediaType.APPLICATION_JSON_VALUE);
    }

    private Timer ok() {
        Timer timer = ok;
        if (timer == null) {
            ok = timer = timer("200", "SUCCESS");
        }
        return timer;
    }

    private Timer notModified() {
        Timer timer = notModified;
        if (timer == null) {
            notModified = timer = timer("304", "REDIRECTION");
        }
        return timer;
    }

    /** The timer the observation filter records a {@code GET /tasks} answer in, with the same tags. */
    private Timer timer(String status, String outcome) {
        return meters.timer(TIMER, Tags.of("error", "none", "exception", "none", "method", "GET",
                "outcome", outcome, "status", status, "uri", PATH));
    }
}
