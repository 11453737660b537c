package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskSource;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Guards one source with its resilience4j {@link CircuitBreaker}: while open, calls fail at once
 * with {@code CIRCUIT_OPEN} and never reach the provider; after the configured wait, half-open
 * probes decide whether it closes again. What counts as a failure is {@link Failures#countsForBreaker};
 * other outcomes release their permission without being recorded, so an auth failure neither opens
 * nor closes the breaker.
 */
public final class CircuitBreakingTaskSource extends ForwardingTaskSource {

    private final CircuitBreaker breaker;

    public CircuitBreakingTaskSource(TaskSource delegate, CircuitBreaker breaker) {
        super(delegate);
        this.breaker = breaker;
    }

    @Override
    protected <T> T read(Supplier<T> call) {
        return guarded(call);
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        return guarded(call);
    }

    private <T> T guarded(Supplier<T> call) {
        if (!breaker.tryAcquirePermission()) {
            throw new SourceException(ErrorCode.CIRCUIT_OPEN,
                    "circuit breaker is open after repeated failures; the provider was not called", null,
                    CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        long start = System.nanoTime();
        try {
            T result = call.get();
            breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (RuntimeException failure) {
            if (Failures.countsForBreaker(failure)) {
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            } else {
                breaker.releasePermission();
            }
            throw failure;
        }
    }
}
