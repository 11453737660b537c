package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.junit.jupiter.api.Test;

/** Which failures of an action mean the provider was never asked to act (and so are not kept for replay). */
class LocalRefusalExceptionTests {

    @Test
    void theGatewaysOwnLimiterBulkheadAndOpenCircuitNeverSentTheAction() {
        SourceException limiter = new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "the gateway's own limit", 1L,
                RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("pc")));
        SourceException bulkhead = new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "bulkhead", null,
                BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("pc")));
        SourceException open = new SourceException(ErrorCode.CIRCUIT_OPEN, "open");

        assertThat(LocalRefusalException.neverSent(limiter)).isTrue();
        assertThat(LocalRefusalException.neverSent(bulkhead)).isTrue();
        assertThat(LocalRefusalException.neverSent(open)).isTrue();
    }

    @Test
    void theProvidersOwnRefusalsAndTimeoutsMayHaveActed() {
        assertThat(LocalRefusalException.neverSent(new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "429", 5L, null)))
                .isFalse();
        assertThat(LocalRefusalException.neverSent(new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "slow"))).isFalse();
        assertThat(LocalRefusalException.neverSent(new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "reset")))
                .isFalse();
    }
}
