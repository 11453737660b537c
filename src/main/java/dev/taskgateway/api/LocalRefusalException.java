package dev.taskgateway.api;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.PreReadFailedException;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceReport;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.List;

/**
 * An action refused before anything reached the provider: its breaker was open, its provider budget
 * was spent or its bulkhead full, or the fresh read of the task failed. Answered like any
 * upstream failure, but never kept for {@code Idempotency-Key} replay — it tells nothing about
 * what the provider did, and retrying it cannot do the action twice.
 */
final class LocalRefusalException extends SourcesFailedException {

    LocalRefusalException(List<SourceReport> reports) {
        super(reports);
    }

    /** True when {@code e} shows the action itself was never sent to the provider. */
    static boolean neverSent(SourceException e) {
        if (e.code() == ErrorCode.CIRCUIT_OPEN || e instanceof PreReadFailedException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedLocally || cause instanceof BulkheadFullException) {
                return true;
            }
        }
        return false;
    }
}
