package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskSource;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Retries reads ({@code fetch}, {@code find}) that failed transiently; actions are never retried.
 *
 * <p>Attempts and backoff come from resilience4j's {@link RetryConfig} for the source
 * ({@code max-attempts}, {@code wait-duration}, exponential backoff with randomized wait); its
 * exception predicate can narrow what is retried, never widen it past {@link Failures#retryable}.
 * The wait before the next attempt is the backoff or the provider's {@code Retry-After}, whichever
 * is longer; when it would end at or after the request's deadline ({@link CallContext}) there is no
 * next attempt and the last failure stands. Waits are interruptible: an interrupt (the engine gave
 * up on the source) ends the retries at once.
 *
 * <p>The loop is ours rather than resilience4j's {@code Retry} because that one cannot honour
 * {@code Retry-After} against a deadline; retries are counted in
 * {@code taskgateway.upstream.retries{source,provider}}.
 */
public final class RetryingTaskSource extends ForwardingTaskSource {

    /** How the retry waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /** The real one: an interruptible {@link Thread#sleep}. */
        Sleeper THREAD = wait -> Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));

        void sleep(Duration wait) throws InterruptedException;
    }

    private final RetryConfig config;
    private final IntervalBiFunction<Object> backoff;
    private final Sleeper sleeper;
    private final Counter retries;

    public RetryingTaskSource(TaskSource delegate, RetryConfig config, Sleeper sleeper, MeterRegistry meters) {
        super(delegate);
        this.config = config;
        this.backoff = config.getIntervalBiFunction();
        this.sleeper = sleeper;
        this.retries = Counter.builder("taskgateway.upstream.retries")
                .description("Upstream reads attempted again after a transient failure")
                .tag("source", delegate.info().id()).tag("provider", delegate.info().provider())
                .register(meters);
    }

    /** Reads only: an action that may have reached the provider must not run twice. */
    @Override
    protected <T> T read(Supplier<T> call) {
        return withRetries(call);
    }

    private <T> T withRetries(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SourceException failure) {
                Duration wait = waitAfter(attempt, failure);
                if (wait == null) {
                    throw failure;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                retries.increment();
            }
        }
    }

    /** The wait before attempt {@code attempt + 1}, or null when there should be none. */
    Duration waitAfter(int attempt, SourceException failure) {
        if (!Failures.retryable(failure) || !config.getExceptionPredicate().test(failure)
                || attempt >= config.getMaxAttempts() || Thread.currentThread().isInterrupted()) {
            return null;
        }
        long backoffMillis = backoff.apply(attempt, Either.left(failure));
        long retryAfterMillis = failure.retryAfterSeconds() == null ? 0 : failure.retryAfterSeconds() * 1000;
        Duration wait = Duration.ofMillis(Math.max(backoffMillis, retryAfterMillis));
        return CallContext.current().wouldPassDeadline(wait) ? null : wait;
    }
}
