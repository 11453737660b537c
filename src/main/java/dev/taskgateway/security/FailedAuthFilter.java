package dev.taskgateway.security;

import dev.taskgateway.http.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before the key is even looked at, a request carrying a key from an address that sent
 * too many invalid ones ({@link FailedAuthLimits}): 429 {@code /problems/rate-limited} with
 * {@code Retry-After}. Requests without a key (open endpoints, static files) pass untouched.
 */
final class FailedAuthFilter extends OncePerRequestFilter {

    private final FailedAuthLimits limits;

    FailedAuthFilter(FailedAuthLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean presentsKey = request.getHeader(SecurityConfiguration.API_KEY_HEADER) != null
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        OptionalLong wait = presentsKey ? limits.check(request.getRemoteAddr()) : OptionalLong.empty();
        if (wait.isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
            ProblemWriter.write(request, response, 429, "rate-limited", "Too many requests",
                    "this address sent too many invalid API keys (" + limits.describe() + "); retry after "
                            + wait.getAsLong() + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
