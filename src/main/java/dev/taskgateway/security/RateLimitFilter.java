package dev.taskgateway.security;

import dev.taskgateway.http.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spends one permit of the caller's API key per request, right after authentication; a key over
 * its budget gets 429 {@code /problems/rate-limited} with {@code Retry-After} (DESIGN §6).
 * Requests without a verified key (open endpoints, or on their way to a 401) are not counted.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private final ApiKeyRateLimits limits;

    RateLimitFilter(ApiKeyRateLimits limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (caller instanceof ApiKeyAuthentication key && key.isAuthenticated()) {
            OptionalLong wait = limits.acquire(key.getName());
            if (wait.isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
                ProblemWriter.write(request, response, 429, "rate-limited", "Too many requests",
                        "API key '" + key.getName() + "' may send " + limits.describe(key.getName())
                                + "; retry after " + wait.getAsLong() + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
