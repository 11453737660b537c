package dev.taskgateway.resilience;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.state.SharedStateUnavailableException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A provider budget every replica spends together ({@code taskgateway.state.store=redis}, budget
 * {@code sharing: shared}): the same sliding log as {@link ProviderBudget} — a slot held from the
 * call's start until {@code period} plus one second after its end — kept as a sorted set in the
 * shared store, so N replicas behind one egress address never pass the provider's limit together.
 * A running slot is leased for {@code period} + 2 min + 1 s, so a replica that dies mid-call does
 * not hold it forever.
 *
 * <p>While the shared store does not answer, calls spend this replica's own {@code local} log
 * instead: reads keep working, and each replica stays within the limit on its own (together they
 * may then pass it, and the provider's 429 is handled as any other).
 */
final class SharedProviderBudget implements CallBudget {

    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration LONGEST_CALL = Duration.ofMinutes(2);
    /** How often a waiting call asks again: slots freed by other replicas are not announced. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final SharedState shared;
    private final ProviderBudget local;
    private final LongSupplier nanoTime;
    private final String log;
    private final Duration hold;
    private final Duration lease;

    SharedProviderBudget(SharedState shared, ProviderBudget local, LongSupplier nanoTime) {
        this.shared = shared;
        this.local = local;
        this.nanoTime = nanoTime;
        this.log = "budget:" + local.scope();
        this.hold = local.period().plus(MARGIN);
        this.lease = hold.plus(LONGEST_CALL);
    }

    @Override
    public ProviderBudget.Permit acquire(long deadlineNanos) {
        String slot = UUID.randomUUID().toString();
        while (true) {
            long waitMillis;
            try {
                waitMillis = shared.acquireSlot(log, slot, local.limit(), lease);
            } catch (SharedStateUnavailableException e) {
                return local.acquire(deadlineNanos);
            }
            if (waitMillis == 0) {
                return () -> release(slot);
            }
            long now = nanoTime.getAsLong();
            long freeAt = now + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            // A wait shorter than a lease is a finished slot's: nothing frees earlier, so say so at once.
            boolean known = waitMillis < lease.toMillis();
            if (deadlineNanos != Long.MAX_VALUE && (now - deadlineNanos >= 0 || known && freeAt - deadlineNanos >= 0)) {
                throw refusal(known ? waitMillis : hold.toMillis());
            }
            long pause = Math.min(known ? freeAt - now : POLL_NANOS, POLL_NANOS);
            if (deadlineNanos != Long.MAX_VALUE) {
                pause = Math.min(pause, deadlineNanos - now);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.max(1, pause));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refusal(waitMillis);
            }
        }
    }

    private void release(String slot) {
        try {
            shared.releaseSlot(log, slot, hold, lease);
        } catch (SharedStateUnavailableException e) {
            // The slot stays running until its lease ends: more careful than the provider, never less.
        }
    }

    @Override
    public int remaining() {
        try {
            return (int) Math.max(0, local.limit() - shared.slots(log));
        } catch (SharedStateUnavailableException e) {
            return local.remaining();
        }
    }

    @Override
    public int limit() {
        return local.limit();
    }

    @Override
    public Duration period() {
        return local.period();
    }

    @Override
    public String scope() {
        return local.scope();
    }

    private SourceException refusal(long millisToWait) {
        long seconds = Math.max(1, (millisToWait + 999) / 1000);
        return new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "the provider's budget (" + local.limit()
                + " calls per " + local.period().toSeconds() + " s, " + local.scope() + ", shared by every replica)"
                + " is used up until after this request's deadline; the provider was not called", seconds,
                new RefusedLocally("provider budget spent"));
    }
}
