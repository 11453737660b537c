package dev.taskgateway.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API key presented by a caller; once verified, its name and roles. The key is never kept after that. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String keyName;
    private transient String presentedKey;

    private ApiKeyAuthentication(String presentedKey, String keyName, Collection<? extends GrantedAuthority> roles) {
        super(roles);
        this.presentedKey = presentedKey;
        this.keyName = keyName;
        setAuthenticated(keyName != null);
    }

    /** A key as presented, not yet verified. */
    static ApiKeyAuthentication presented(String key) {
        return new ApiKeyAuthentication(key, null, List.of());
    }

    /** A verified key. */
    static ApiKeyAuthentication verified(ApiKeyStore.Principal principal) {
        return new ApiKeyAuthentication(null, principal.name(), principal.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT))).toList());
    }

    String presentedKey() {
        return presentedKey;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return keyName;
    }

    @Override
    public String getName() {
        return keyName == null ? "(unverified)" : keyName;
    }

    @Override
    public void eraseCredentials() {
        presentedKey = null;
        super.eraseCredentials();
    }
}
