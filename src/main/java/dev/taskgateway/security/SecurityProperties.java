package dev.taskgateway.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code taskgateway.security.*}: who may call the gateway, how often, from where, and how much. */
@ConfigurationProperties("taskgateway.security")
public class SecurityProperties {

    /** API keys and their roles. A start without the demo profile needs at least one. */
    private List<ApiKey> apiKeys = new ArrayList<>();

    /** Request rate limit per API key; each key has its own budget. */
    private RateLimit rateLimit = new RateLimit();

    /** Browser origins allowed to call the API (CORS). */
    private Cors cors = new Cors();

    /** Size limits on requests, checked before the API key. */
    private Limits limits = new Limits();

    /** How many invalid API keys one client address may send before it must wait. */
    private FailedAuth failedAuth = new FailedAuth();

    public List<ApiKey> getApiKeys() { return apiKeys; }
    public void setApiKeys(List<ApiKey> apiKeys) { this.apiKeys = apiKeys; }
    public RateLimit getRateLimit() { return rateLimit; }
    public void setRateLimit(RateLimit rateLimit) { this.rateLimit = rateLimit; }
    public Cors getCors() { return cors; }
    public void setCors(Cors cors) { this.cors = cors; }
    public Limits getLimits() { return limits; }
    public void setLimits(Limits limits) { this.limits = limits; }
    public FailedAuth getFailedAuth() { return failedAuth; }
    public void setFailedAuth(FailedAuth failedAuth) { this.failedAuth = failedAuth; }

    /**
     * Failed authentications per client address ({@code getRemoteAddr()}: behind a proxy, set
     * {@code server.forward-headers-strategy} so it is the client's). After {@code limit} invalid
     * keys within {@code period}, requests from that address carrying a key get 429 with
     * {@code Retry-After} until the period ends; requests without a key are not affected.
     */
    public static class FailedAuth {

        /** Invalid keys one address may send per period. */
        private int limit = 10;

        /** Length of one period, counted from the address's first failure. */
        private Duration period = Duration.ofMinutes(1);

        public int getLimit() { return limit; }
        public void setLimit(int limit) { this.limit = limit; }
        public Duration getPeriod() { return period; }
        public void setPeriod(Duration period) { this.period = period; }
    }

    /** One API key. Give exactly one of {@code key} and {@code key-sha256}. */
    public static class ApiKey {

        /** Name shown in logs and the audit log; never the key itself. */
        private String name;

        /** The key in clear text, from the environment (e.g. {@code ${OPS_KEY}}). */
        private String key;

        /** Lower-case hex SHA-256 of the key, so the clear key is stored nowhere. */
        private String keySha256;

        /** Roles: {@code read} (lists, detail, stats, sources), {@code operate} (actions), {@code metrics} ({@code /actuator/prometheus} only), {@code admin} (actuator). */
        private Set<String> roles = new LinkedHashSet<>();

        /** This key's own rate limit; unset fields fall back to {@code taskgateway.security.rate-limit}. */
        private KeyRateLimit rateLimit = new KeyRateLimit();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
        public String getKeySha256() { return keySha256; }
        public void setKeySha256(String keySha256) { this.keySha256 = keySha256; }
        public Set<String> getRoles() { return roles; }
        public void setRoles(Set<String> roles) { this.roles = roles; }
        public KeyRateLimit getRateLimit() { return rateLimit; }
        public void setRateLimit(KeyRateLimit rateLimit) { this.rateLimit = rateLimit; }

        @Override
        public String toString() {
            return "ApiKey[name=" + name + ", roles=" + roles + "]";
        }
    }

    /**
     * The per-key limit, as resilience4j's RateLimiter counts: {@code limit-for-period} requests
     * per {@code limit-refresh-period}; unused permits do not carry over, so the limit is also the
     * largest burst. A refused request gets 429 with {@code Retry-After}.
     */
    public static class RateLimit {

        /** False turns the per-key limit off (benchmarks, or a proxy in front that limits already). */
        private boolean enabled = true;

        /** Requests one key may make per period. */
        private int limitForPeriod = 50;

        /** Length of one period. */
        private Duration limitRefreshPeriod = Duration.ofSeconds(1);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getLimitForPeriod() { return limitForPeriod; }
        public void setLimitForPeriod(int limitForPeriod) { this.limitForPeriod = limitForPeriod; }
        public Duration getLimitRefreshPeriod() { return limitRefreshPeriod; }
        public void setLimitRefreshPeriod(Duration limitRefreshPeriod) { this.limitRefreshPeriod = limitRefreshPeriod; }
    }

    /** One key's override of the rate limit; null fields use the shared value. */
    public static class KeyRateLimit {

        /** Requests this key may make per period. */
        private Integer limitForPeriod;

        /** Length of this key's period. */
        private Duration limitRefreshPeriod;

        public Integer getLimitForPeriod() { return limitForPeriod; }
        public void setLimitForPeriod(Integer limitForPeriod) { this.limitForPeriod = limitForPeriod; }
        public Duration getLimitRefreshPeriod() { return limitRefreshPeriod; }
        public void setLimitRefreshPeriod(Duration limitRefreshPeriod) { this.limitRefreshPeriod = limitRefreshPeriod; }
    }

    /** Cross-origin calls from browsers. */
    public static class Cors {

        /**
         * Origins ({@code https://dash.example.com}, scheme, host and port only) whose pages may
         * call the API. Empty (the default): no CORS headers at all, so browsers refuse every
         * cross-origin call.
         */
        private List<String> allowedOrigins = new ArrayList<>();

        public List<String> getAllowedOrigins() { return allowedOrigins; }
        public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
    }

    /**
     * Request size limits the gateway checks itself; the request line and headers together are
     * limited by Tomcat's {@code server.max-http-request-header-size}.
     */
    public static class Limits {

        /** Largest request body; a larger one gets 413. Action bodies are small JSON. */
        private DataSize maxBodySize = DataSize.ofKilobytes(64);

        /** Longest query string, as sent (percent-encoded); a longer one gets 414. */
        private int maxQueryLength = 4096;

        public DataSize getMaxBodySize() { return maxBodySize; }
        public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
        public int getMaxQueryLength() { return maxQueryLength; }
        public void setMaxQueryLength(int maxQueryLength) { this.maxQueryLength = maxQueryLength; }
    }
}
