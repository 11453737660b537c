package dev.taskgateway.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Verifies a presented API key against the {@link ApiKeyStore}. Being a bean, it also keeps
 * Spring Boot from creating its default in-memory user, whose generated password it would log.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeyStore store;

    ApiKeyAuthenticationProvider(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).presentedKey();
        return store.verify(key).map(ApiKeyAuthentication::verified)
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
    }

    @Override
    public boolean supports(Class<?> type) {
        return ApiKeyAuthentication.class.isAssignableFrom(type);
    }
}
