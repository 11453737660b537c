package dev.taskgateway.resilience;

import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.ActionNotSupportedException;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskNotFoundException;
import io.github.resilience4j.bulkhead.BulkheadFullException;

/**
 * Which failures the decorators act on, in one place:
 * <ul>
 *   <li>retried: transient ones ({@link SourceException#isTransient()}: timeout, unavailable, rate
 *       limited), never auth failures, rejections, bad responses or an open circuit;</li>
 *   <li>counted by the circuit breaker: transient ones from the upstream plus bad responses (a
 *       provider answering HTML or garbage is as broken as one answering 502), and anything else an
 *       adapter throws unexpectedly; not auth failures or 4xx rejections (our request or key is
 *       wrong, the provider is fine), not domain answers such as "no such task", and not the
 *       gateway's own rejections (its rate limiter or bulkhead said no, the provider was not asked).</li>
 * </ul>
 */
final class Failures {

    private Failures() {
    }

    /** True when another attempt may succeed. */
    static boolean retryable(Throwable failure) {
        // The gateway's own limiter or bulkhead refusing is not the provider failing: retrying
        // would only add load to a source that is already saturated.
        return failure instanceof SourceException e && e.isTransient() && !rejectedLocally(e);
    }

    /** True when the failure says the provider is unhealthy. */
    static boolean countsForBreaker(Throwable failure) {
        if (failure instanceof SourceException e) {
            return !rejectedLocally(e) && (e.isTransient() || e.code() == ErrorCode.UPSTREAM_BAD_RESPONSE);
        }
        return !isDomainAnswer(failure);
    }

    /** True when the gateway itself refused the call (provider budget, bulkhead) without asking the provider. */
    static boolean rejectedLocally(SourceException failure) {
        return failure.getCause() instanceof RefusedLocally
                || failure.getCause() instanceof BulkheadFullException;
    }

    /** The provider answered, and the answer is "no" (missing task, unsupported or conflicting action). */
    private static boolean isDomainAnswer(Throwable failure) {
        return failure instanceof TaskNotFoundException || failure instanceof ActionNotSupportedException
                || failure instanceof ActionConflictException;
    }
}
