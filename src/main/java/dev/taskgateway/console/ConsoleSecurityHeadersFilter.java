package dev.taskgateway.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's Content-Security-Policy: scripts, styles, images and API calls from this gateway
 * only, no inline script or style, no plugins, no framing, no form posts, no {@code <base>}. A
 * script injected through a task name (which comes from a provider) could not run, nor send the
 * key anywhere else. Also: no referrer, so no console URL leaks to another site.
 */
final class ConsoleSecurityHeadersFilter extends OncePerRequestFilter {

    /** Every directive spelled out where {@code default-src} would not cover it. */
    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        chain.doFilter(request, response);
    }
}
