package dev.taskgateway.security;

import dev.taskgateway.state.SharedState;
import dev.taskgateway.state.SharedStateUnavailableException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * One resilience4j {@link RateLimiter} per API key name, from a registry of its own (not the
 * auto-configured one, which holds the per-source upstream limiters). Waiting is never allowed:
 * a key over its budget is refused at once with the time until its next permit.
 */
final class ApiKeyRateLimits {

    private static final String PREFIX = "taskgateway.security.";

    private final RateLimiterRegistry limiters;
    /** With {@code taskgateway.state.store=redis}, where every replica counts; else null. */
    private final SharedState shared;

    private ApiKeyRateLimits(RateLimiterRegistry limiters, SharedState shared) {
        this.limiters = limiters;
        this.shared = shared;
    }

    /**
     * The same limits counted in {@code shared}, so a key gets its rate across all replicas together,
     * not once per replica. While the shared store does not answer, each replica falls back to its
     * own limiter (a key may then get up to N times its rate): refusing every request instead would
     * turn a Redis outage into a gateway outage.
     */
    ApiKeyRateLimits sharedIn(SharedState store) {
        return store == null || limiters == null ? this : new ApiKeyRateLimits(limiters, store);
    }

    /** The limiters of {@code properties}, failing start-up with the key's name when a value is bad. */
    static ApiKeyRateLimits of(SecurityProperties properties) {
        SecurityProperties.RateLimit shared = properties.getRateLimit();
        if (!shared.isEnabled()) {
            return new ApiKeyRateLimits(null, null);
        }
        RateLimiterConfig defaults = config(PREFIX + "rate-limit", shared.getLimitForPeriod(),
                shared.getLimitRefreshPeriod());
        RateLimiterRegistry registry = RateLimiterRegistry.of(defaults);
        List<SecurityProperties.ApiKey> keys = properties.getApiKeys();
        for (int i = 0; i < keys.size(); i++) {
            SecurityProperties.KeyRateLimit own = keys.get(i).getRateLimit();
            if (own.getLimitForPeriod() != null || own.getLimitRefreshPeriod() != null) {
                registry.rateLimiter(keys.get(i).getName(), config(PREFIX + "api-keys[" + i + "].rate-limit",
                        own.getLimitForPeriod() != null ? own.getLimitForPeriod() : shared.getLimitForPeriod(),
                        own.getLimitRefreshPeriod() != null ? own.getLimitRefreshPeriod()
                                : shared.getLimitRefreshPeriod()));
            }
        }
        return new ApiKeyRateLimits(registry, null);
    }

    /**
     * Takes one permit of {@code keyName}'s budget. Empty when the request may go on; else the
     * whole seconds (at least 1) until the key has a permit again.
     */
    OptionalLong acquire(String keyName) {
        if (limiters == null) {
            return OptionalLong.empty();
        }
        RateLimiter limiter = limiters.rateLimiter(keyName);
        if (shared != null) {
            try {
                RateLimiterConfig config = limiter.getRateLimiterConfig();
                long millis = shared.acquireWindow("rate:" + keyName, config.getLimitForPeriod(),
                        config.getLimitRefreshPeriod());
                return millis == 0 ? OptionalLong.empty() : OptionalLong.of(Math.max(1, (millis + 999) / 1000));
            } catch (SharedStateUnavailableException e) {
                // fall through to this replica's own limiter
            }
        }
        if (limiter.acquirePermission()) {
            return OptionalLong.empty();
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** What {@code keyName} may send, for the problem detail: "3 requests per 10s". */
    String describe(String keyName) {
        RateLimiterConfig config = limiters.rateLimiter(keyName).getRateLimiterConfig();
        Duration period = config.getLimitRefreshPeriod();
        return config.getLimitForPeriod() + " requests per "
                + (period.toMillis() % 1000 == 0 ? period.toSeconds() + "s" : period.toMillis() + "ms");
    }

    private static RateLimiterConfig config(String key, int limitForPeriod, Duration period) {
        if (limitForPeriod < 1) {
            throw new InvalidConfigurationPropertyValueException(key + ".limit-for-period", limitForPeriod,
                    "must be at least 1 (set taskgateway.security.rate-limit.enabled=false to switch the limit off)");
        }
        if (period == null || period.toMillis() < 1) {
            throw new InvalidConfigurationPropertyValueException(key + ".limit-refresh-period", period,
                    "must be at least 1ms");
        }
        return RateLimiterConfig.custom().limitForPeriod(limitForPeriod).limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO).build();
    }
}
