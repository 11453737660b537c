package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.testing.FakeTaskSource;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryingTaskSourceTests {

    private static final UpstreamQuery QUERY = new UpstreamQuery(null, null, null, null, 1, 100);
    private static final RetryConfig CONFIG = RetryConfig.custom().maxAttempts(3)
            .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2)).build();

    private final FakeTaskSource upstream = FakeTaskSource.of("src", "fake");
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RetryingTaskSource source = new RetryingTaskSource(upstream, CONFIG, sleeper, meters);

    @Test
    void transientFailureIsRetriedWithExponentialBackoffUpToMaxAttempts() {
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null));

        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);

        assertThat(upstream.calls()).isEqualTo(3);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(meters.get("taskgateway.upstream.retries").counter().count()).isEqualTo(2);
    }

    @Test
    void retryThatSucceedsAnswers() {
        upstream.always(failure(ErrorCode.UPSTREAM_TIMEOUT, null)).thenAnswer(FakeTaskSource.page("src"));

        assertThat(source.fetch(QUERY).tasks()).isEmpty();
        assertThat(upstream.calls()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UPSTREAM_AUTH_FAILED", "UPSTREAM_REJECTED", "UPSTREAM_BAD_RESPONSE",
            "CIRCUIT_OPEN"})
    void nonTransientFailuresAreNeverRetried(ErrorCode code) {
        upstream.always(failure(code, null));

        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void retryAfterLongerThanTheBackoffIsWaitedOut() {
        upstream.always(failure(ErrorCode.UPSTREAM_RATE_LIMITED, 2L)).thenAnswer(FakeTaskSource.page("src"));

        source.fetch(QUERY);

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void waitThatWouldPassTheDeadlineEndsTheRetries() {
        upstream.always(failure(ErrorCode.UPSTREAM_RATE_LIMITED, 30L));
        try (CallContext.Scope scope = CallContext.open(CallContext.within(Duration.ofSeconds(8), false))) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.retryAfterSeconds()).isEqualTo(30L));
        }
        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void interruptDuringTheWaitEndsTheRetriesAndKeepsTheInterrupt() {
        RetryingTaskSource interrupted = new RetryingTaskSource(upstream, CONFIG, wait -> {
            throw new InterruptedException("deadline");
        }, meters);
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null));

        assertThatThrownBy(() -> interrupted.fetch(QUERY)).isInstanceOf(SourceException.class);

        assertThat(Thread.interrupted()).isTrue();
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void detailReadsAreRetriedToo() {
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null)).thenAnswer(FakeTaskSource.page("src"));

        assertThat(source.find("1")).isEmpty();
        assertThat(upstream.finds()).isEqualTo(2);
    }

    @Test
    void actionsAreNeverRetried() {
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null));

        assertThatThrownBy(() -> source.perform(TaskAction.STOP, "1")).isInstanceOf(SourceException.class);

        assertThat(upstream.performed()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void configuredExceptionPredicateCanNarrowWhatIsRetried() {
        RetryConfig narrow = RetryConfig.from(CONFIG).retryOnException(e -> false).build();
        RetryingTaskSource never = new RetryingTaskSource(upstream, narrow, sleeper, meters);
        upstream.always(failure(ErrorCode.UPSTREAM_UNAVAILABLE, null));

        assertThatThrownBy(() -> never.fetch(QUERY)).isInstanceOf(SourceException.class);
        assertThat(upstream.calls()).isEqualTo(1);
    }

    static SourceException failure(ErrorCode code, Long retryAfter) {
        return new SourceException(code, "failed: " + code, retryAfter, null);
    }
}
