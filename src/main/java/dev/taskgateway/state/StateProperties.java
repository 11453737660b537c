package dev.taskgateway.state;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskgateway.state.*}: where replica-shared state lives. The Redis connection itself is
 * {@code spring.data.redis.*} (host, port, password, timeout).
 */
@ConfigurationProperties("taskgateway.state")
public class StateProperties {

    /** Where shared state is kept. */
    public enum Store {
        /** In this process only: a single instance, or replicas that need not agree. */
        MEMORY,
        /** In Redis: every replica pointing at the same Redis shares it. */
        REDIS
    }

    /** {@code memory} (the default) or {@code redis}. */
    private Store store = Store.MEMORY;

    /** Prefix of every Redis key and channel, so several gateways (or other tools) can share one Redis. */
    private String keyPrefix = "taskgateway:";

    /**
     * After a failed Redis call, how long the gateway goes straight to its fallbacks before trying
     * Redis again, so an outage costs one timeout per period rather than one per request.
     */
    private Duration retryAfter = Duration.ofSeconds(1);

    public Store getStore() { return store; }
    public void setStore(Store store) { this.store = store; }
    public String getKeyPrefix() { return keyPrefix; }
    public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
    public Duration getRetryAfter() { return retryAfter; }
    public void setRetryAfter(Duration retryAfter) { this.retryAfter = retryAfter; }
}
