package dev.taskgateway.api;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.system.SourcesProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Opens the {@link CallContext} of each request: the deadline by which its sources must answer,
 * and {@code noCache} when the client sent {@code Cache-Control: no-cache}. The fan-out executor
 * carries it to the threads that call sources.
 *
 * <p>The deadline is {@code taskgateway.deadline} from the moment the request arrived, less a
 * margin (a tenth, at most 250 ms), so the cache and retries give up (serving stale pages where
 * they can) just before the engine stops waiting and the answer still leaves on time.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CallContextFilter extends OncePerRequestFilter {

    private static final Duration MAX_MARGIN = Duration.ofMillis(250);

    private final Duration budget;

    CallContextFilter(SourcesProperties properties) {
        Duration deadline = properties.getDeadline();
        Duration margin = deadline.dividedBy(10).compareTo(MAX_MARGIN) < 0 ? deadline.dividedBy(10) : MAX_MARGIN;
        this.budget = deadline.minus(margin);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try (CallContext.Scope scope = CallContext.open(CallContext.within(budget, noCache(request)))) {
            chain.doFilter(request, response);
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
