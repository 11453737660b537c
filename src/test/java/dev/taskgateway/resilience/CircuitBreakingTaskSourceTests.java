package dev.taskgateway.resilience;

import static dev.taskgateway.resilience.RetryingTaskSourceTests.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.testing.FakeTaskSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CircuitBreakingTaskSourceTests {

    private static final UpstreamQuery QUERY = new UpstreamQuery(null, null, null, null, 1, 100);

    private final FakeTaskSource upstream = FakeTaskSource.of("src", "fake");
    private final CircuitBreaker breaker = CircuitBreaker.of("src", CircuitBreakerConfig.custom()
            .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
            .permittedNumberOfCallsInHalfOpenState(1).build());
    private final CircuitBreakingTaskSource source = new CircuitBreakingTaskSource(upstream, breaker);

    @Test
    void openBreakerReportsCircuitOpenWithoutCallingTheProvider() {
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);
        }

        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CIRCUIT_OPEN));
        assertThat(upstream.calls()).isEqualTo(4);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void successfulHalfOpenProbeClosesTheBreaker() {
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();

        source.fetch(QUERY);

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void badResponsesCountAsFailures() {
        upstream.always(failure(ErrorCode.UPSTREAM_BAD_RESPONSE, null));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UPSTREAM_AUTH_FAILED", "UPSTREAM_REJECTED"})
    void authFailuresAndRejectionsNeitherCountNorClose(ErrorCode code) {
        upstream.always(failure(code, null));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isZero();
    }

    @Test
    void gatewaysOwnRejectionsDoNotCount() {
        upstream.always(new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "own budget", 1L,
                new RefusedLocally("provider budget spent")));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void missingTaskIsAnAnswerNotAFailure() {
        upstream.always(new TaskNotFoundException(TaskId.of("src", "9")));
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> source.find("9")).isInstanceOf(TaskNotFoundException.class);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void unexpectedAdapterErrorsCount() {
        upstream.always(new IllegalStateException("mapper bug"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
