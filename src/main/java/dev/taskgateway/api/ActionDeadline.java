package dev.taskgateway.api;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounds a whole action — the fresh read of the task, existence checks, the call that acts — by
 * {@code taskgateway.actions.deadline}. The work runs on the fan-out executor under a
 * {@link CallContext} whose deadline is the action's, so retries, caches and scanning reads below
 * give up in time too; the request thread waits no longer than the deadline, then interrupts the
 * work (freeing its thread, connection and bulkhead slot) and answers {@code UPSTREAM_TIMEOUT}.
 * An action cut short may or may not have been carried out, which is why that answer is kept for
 * {@code Idempotency-Key} replay.
 */
final class ActionDeadline {

    private final ExecutorService executor;
    private final Duration deadline;

    ActionDeadline(ExecutorService executor, Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("taskgateway.actions.deadline must be positive, was " + deadline);
        }
        this.executor = executor;
        this.deadline = deadline;
    }

    Duration deadline() {
        return deadline;
    }

    /** Runs {@code work} and answers its result, or fails with {@code UPSTREAM_TIMEOUT} at the deadline. */
    <T> T run(Supplier<T> work) {
        Future<T> future;
        try (CallContext.Scope scope = CallContext.open(
                CallContext.within(deadline, CallContext.current().noCache()))) {
            future = executor.submit(work::get); // the executor carries this context to the worker
        }
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within the action deadline of "
                    + deadline.toMillis() + " ms; the action may or may not have been carried out");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "the action was abandoned: the request was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("an action threw a checked exception", cause);
        }
    }
}
