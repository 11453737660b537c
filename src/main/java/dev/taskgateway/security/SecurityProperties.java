package dev.taskgateway.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code taskgateway.security.*}: who may call the gateway. */
@ConfigurationProperties("taskgateway.security")
public class SecurityProperties {

    /** API keys and their roles. A start without the demo profile needs at least one. */
    private List<ApiKey> apiKeys = new ArrayList<>();

    public List<ApiKey> getApiKeys() { return apiKeys; }
    public void setApiKeys(List<ApiKey> apiKeys) { this.apiKeys = apiKeys; }

    /** One API key. Give exactly one of {@code key} and {@code key-sha256}. */
    public static class ApiKey {

        /** Name shown in logs and the audit log; never the key itself. */
        private String name;

        /** The key in clear text, from the environment (e.g. {@code ${OPS_KEY}}). */
        private String key;

        /** Lower-case hex SHA-256 of the key, so the clear key is stored nowhere. */
        private String keySha256;

        /** Roles: {@code read} (lists, detail, stats, sources), {@code operate} (actions), {@code admin} (actuator). */
        private Set<String> roles = new LinkedHashSet<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
        public String getKeySha256() { return keySha256; }
        public void setKeySha256(String keySha256) { this.keySha256 = keySha256; }
        public Set<String> getRoles() { return roles; }
        public void setRoles(Set<String> roles) { this.roles = roles; }

        @Override
        public String toString() {
            return "ApiKey[name=" + name + ", roles=" + roles + "]";
        }
    }
}
