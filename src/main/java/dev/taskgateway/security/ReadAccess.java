package dev.taskgateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * The security chain's decision on a read, made without the chain, for a {@link
 * dev.taskgateway.http.Shortcut}: the request presents a configured key with role {@code read},
 * its address is not blocked for invalid keys, and its key's rate limit gives it a permit. Every
 * other case (no key, a wrong key, a missing role, a blocked address, no permit) is left to the
 * chain, which answers and counts it as it always does; nothing is taken or counted for those.
 */
public final class ReadAccess {

    private final ApiKeyStore keys;
    private final ApiKeyRateLimits rateLimits;
    private final FailedAuthLimits failedAuth;

    ReadAccess(ApiKeyStore keys, ApiKeyRateLimits rateLimits, FailedAuthLimits failedAuth) {
        this.keys = keys;
        this.rateLimits = rateLimits;
        this.failedAuth = failedAuth;
    }

    /** True when the chain would let {@code request} read; then one permit of its key's budget is spent. */
    public boolean grants(HttpServletRequest request) {
        String presented = presentedKey(request);
        if (presented == null || failedAuth.blocked(request.getRemoteAddr())) {
            return false;
        }
        Optional<ApiKeyStore.Principal> caller = keys.verify(presented);
        return caller.isPresent() && caller.get().roles().contains("read")
                && rateLimits.acquire(caller.get().name()).isEmpty();
    }

    /** The key of {@code X-API-Key} or {@code Authorization: Bearer}, as the chain reads it; null when none. */
    static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader(SecurityConfiguration.API_KEY_HEADER);
        if (header == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                header = authorization.substring(7);
            }
        }
        return header == null || header.isBlank() ? null : header.trim();
    }
}
