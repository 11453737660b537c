package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.testing.FakeTaskSource;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider budget, bulkhead and time limit: each refuses or cuts a call without help from the provider. */
class LocalLimitsTests {

    private static final UpstreamQuery QUERY = new UpstreamQuery(null, null, null, null, 1, 100);

    private final FakeTaskSource upstream = FakeTaskSource.of("src", "fake");
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        upstream.open();
        executor.shutdownNow();
    }

    @Test
    void callPastTheProviderBudgetWithinTheDeadlineIsRateLimitedWithARetryHintAndNeverReachesTheProvider() {
        ProviderBudget budget = new ProviderBudget("source:src", 1, Duration.ofSeconds(180), System::nanoTime);
        BudgetedTaskSource source = new BudgetedTaskSource(upstream, budget);
        source.fetch(QUERY);

        try (var scope = CallContext.open(CallContext.within(Duration.ofSeconds(2), false))) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
                assertThat(e.retryAfterSeconds()).isBetween(180L, 182L);
                assertThat(Failures.rejectedLocally(e)).isTrue();
            });
        }
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void callFindingTheBulkheadFullIsRefusedWithoutReachingTheProvider() throws Exception {
        Bulkhead bulkhead = Bulkhead.of("src", BulkheadConfig.custom().maxConcurrentCalls(1)
                .maxWaitDuration(Duration.ZERO).build());
        BulkheadTaskSource source = new BulkheadTaskSource(upstream.closed(), bulkhead);
        Future<?> first = executor.submit(() -> source.fetch(QUERY));
        assertThat(upstream.awaitEntered()).isTrue();

        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
            assertThat(Failures.rejectedLocally(e)).isTrue();
        });
        upstream.open();
        first.get();
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void readPastTheTimeLimitIsATimeoutEvenWhenTheAdapterHangs() {
        TimeLimiter limiter = TimeLimiter.of("src", TimeLimiterConfig.custom()
                .timeoutDuration(Duration.ofMillis(50)).cancelRunningFuture(true).build());
        TimeLimitedTaskSource source = new TimeLimitedTaskSource(upstream.closed(), limiter, executor);

        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("no answer in 50ms");
        });
    }

    @Test
    void failureInsideTheTimeLimitComesOutUnwrapped() {
        TimeLimiter limiter = TimeLimiter.of("src", TimeLimiterConfig.custom().timeoutDuration(Duration.ofSeconds(5)).build());
        SourceException down = RetryingTaskSourceTests.failure(ErrorCode.UPSTREAM_UNAVAILABLE, null);
        TimeLimitedTaskSource source = new TimeLimitedTaskSource(upstream.always(down), limiter, executor);

        assertThatThrownBy(() -> source.fetch(QUERY)).isSameAs(down);
    }
}
