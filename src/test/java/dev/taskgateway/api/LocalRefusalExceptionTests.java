package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import org.junit.jupiter.api.Test;

/** Which failures of an action mean the provider was never asked to act (and so are not kept for replay). */
class LocalRefusalExceptionTests {

    @Test
    void theGatewaysOwnBudgetBulkheadAndOpenCircuitNeverSentTheAction() {
        SourceException limiter = new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "the provider's budget", 1L,
                new RefusedLocally("provider budget spent"));
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
