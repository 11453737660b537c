package dev.taskgateway.http;

import dev.taskgateway.core.CallContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter every request meets; it opens what the request carries everywhere:
 * <ul>
 *   <li>its id ({@link RequestIds}): echoed on the answer, put in the log context, sent upstream;</li>
 *   <li>its {@link CallContext}: the deadline by which its sources must answer, and {@code noCache}
 *       when the client sent {@code Cache-Control: no-cache}. The fan-out executor carries it to
 *       the threads that call sources.</li>
 * </ul>
 * Then the {@link Shortcut}s may answer it at once (a plain liveness or readiness probe, a
 * repeated list whose rendered answer is still valid); everything else goes on down the chain
 * (security, observation, MVC).
 *
 * <p>The deadline is {@code taskgateway.deadline} from the moment the request arrived, less a
 * margin (a tenth, at most 250 ms), so the cache and retries give up (serving stale pages where
 * they can) just before the engine stops waiting and the answer still leaves on time.
 *
 * <p>One filter rather than one per concern: Tomcat looks up every registered filter of a request
 * under one lock when it builds the request's chain, so each filter costs every request.
 */
public final class RequestScopeFilter extends OncePerRequestFilter {

    private static final Duration MAX_MARGIN = Duration.ofMillis(250);

    private final Duration budget;
    private final List<Shortcut> shortcuts;

    public RequestScopeFilter(Duration deadline, List<Shortcut> shortcuts) {
        Duration margin = deadline.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? deadline.dividedBy(10) : MAX_MARGIN;
        this.budget = deadline.minus(margin);
        this.shortcuts = List.copyOf(shortcuts);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIds.ATTRIBUTE, id);
        response.setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.ATTRIBUTE, id);
        try (CallContext.Scope scope = CallContext.open(CallContext.within(budget, noCache(request)))) {
            for (Shortcut shortcut : shortcuts) {
                if (shortcut.answered(request, response)) {
                    return;
                }
            }
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.ATTRIBUTE);
        }
    }

    /** True when a {@code Cache-Control} header has the {@code no-cache} directive. */
    static boolean noCache(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders(HttpHeaders.CACHE_CONTROL);
        while (values != null && values.hasMoreElements()) {
            for (String directive : values.nextElement().split(",")) {
                String name = directive.trim().toLowerCase(Locale.ROOT);
                if (name.equals("no-cache") || name.startsWith("no-cache=")) {
                    return true;
                }
            }
        }
        return false;
    }
}
