package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskSource;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps calls to one provider account within its resilience4j {@link RateLimiter}, so the gateway
 * spends the provider's budget (new-api: 180 requests per 180 s per IP) before the provider has to
 * refuse. A call over the limit waits up to the limiter's {@code timeout-duration}, then fails with
 * {@code UPSTREAM_RATE_LIMITED} and a {@code retryAfterSeconds} hint, without reaching the provider.
 */
public final class RateLimitedTaskSource extends ForwardingTaskSource {

    private final RateLimiter limiter;

    public RateLimitedTaskSource(TaskSource delegate, RateLimiter limiter) {
        super(delegate);
        this.limiter = limiter;
    }

    @Override
    protected <T> T read(Supplier<T> call) {
        return limited(call);
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        return limited(call);
    }

    private <T> T limited(Supplier<T> call) {
        if (!limiter.acquirePermission()) {
            var config = limiter.getRateLimiterConfig();
            throw new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "the gateway's own limit for this source ("
                    + config.getLimitForPeriod() + " calls per " + config.getLimitRefreshPeriod().toSeconds()
                    + " s) is used up; the provider was not called", retryAfterSeconds(),
                    RequestNotPermitted.createRequestNotPermitted(limiter));
        }
        return call.get();
    }

    /** Whole seconds until the next permission, at least one. */
    private Long retryAfterSeconds() {
        long nanos = limiter instanceof AtomicRateLimiter atomic
                ? atomic.getDetailedMetrics().getNanosToWait()
                : limiter.getRateLimiterConfig().getLimitRefreshPeriod().toNanos();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
