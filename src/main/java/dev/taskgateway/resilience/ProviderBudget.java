package dev.taskgateway.resilience;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.RefusedLocally;
import dev.taskgateway.core.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A provider's published request budget, modelled as the provider counts it: at most {@code limit}
 * requests in any {@code period}, sliding (new-api: 180 per 180 s per client IP, a log of the last
 * 180 request times). Bursts up to the whole limit are allowed; past it a call waits for the oldest
 * slot to leave the window, within the caller's deadline, instead of failing at once.
 *
 * <p>A slot is held from the moment a call is let through until {@code period} plus one second after
 * its answer came back: the provider stamps a request on arrival (in whole seconds), which is after
 * we send it and before we hear back, so counting from our end of the call can only be more careful
 * than the provider, never less. Calls still in flight hold their slots.
 */
final class ProviderBudget implements CallBudget {

    /** One let-through call; {@link #close} when its answer (or failure) is back. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final long MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    private final String scope;
    private final int limit;
    private final Duration period;
    private final LongSupplier nanoTime;
    /** End times of the calls in the window ({@link #IN_FLIGHT} while running), oldest first. */
    private final List<long[]> slots = new ArrayList<>();

    ProviderBudget(String scope, int limit, Duration period, LongSupplier nanoTime) {
        if (limit < 1) {
            throw new IllegalArgumentException("a budget needs a limit of at least 1, was " + limit);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a budget needs a positive period, was " + period);
        }
        this.scope = scope;
        this.limit = limit;
        this.period = period;
        this.nanoTime = nanoTime;
    }

    /**
     * A permit, now or once a slot frees up before {@code deadlineNanos} ({@link System#nanoTime}
     * scale, {@link Long#MAX_VALUE} for none); else {@code UPSTREAM_RATE_LIMITED} with the seconds
     * until a slot frees, without calling the provider.
     */
    @Override
    public synchronized Permit acquire(long deadlineNanos) {
        while (true) {
            long now = nanoTime.getAsLong();
            purge(now);
            if (slots.size() < limit) {
                long[] slot = {IN_FLIGHT};
                slots.add(slot);
                return () -> release(slot);
            }
            long freeAt = freeAt();
            boolean noDeadline = deadlineNanos == Long.MAX_VALUE;
            if (!noDeadline && (now - deadlineNanos >= 0 || (freeAt != IN_FLIGHT && freeAt - deadlineNanos >= 0))) {
                throw refusal(freeAt == IN_FLIGHT ? period.toNanos() : freeAt - now);
            }
            // Wake at the first slot's release time, or when a call in flight comes back (notifyAll).
            long until = freeAt != IN_FLIGHT ? freeAt : noDeadline ? now + MARGIN_NANOS : deadlineNanos;
            long wait = Math.max(1, Math.min(until - now, noDeadline ? MARGIN_NANOS : deadlineNanos - now));
            try {
                TimeUnit.NANOSECONDS.timedWait(this, wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refusal(wait);
            }
        }
    }

    /** Calls that may start now without waiting. */
    @Override
    public synchronized int remaining() {
        purge(nanoTime.getAsLong());
        return Math.max(0, limit - slots.size());
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public String scope() {
        return scope;
    }

    private synchronized void release(long[] slot) {
        slot[0] = nanoTime.getAsLong();
        notifyAll();
    }

    private void purge(long now) {
        slots.removeIf(slot -> slot[0] != IN_FLIGHT && now - slot[0] >= period.toNanos() + MARGIN_NANOS);
    }

    /** When the first finished slot leaves the window; {@link #IN_FLIGHT} when every slot is still running. */
    private long freeAt() {
        long first = IN_FLIGHT;
        for (long[] slot : slots) {
            if (slot[0] != IN_FLIGHT) {
                first = Math.min(first, slot[0] + period.toNanos() + MARGIN_NANOS);
            }
        }
        return first;
    }

    private SourceException refusal(long nanosToWait) {
        long seconds = Math.max(1, (nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
        return new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "the provider's budget (" + limit + " calls per "
                + period.toSeconds() + " s, " + scope + ") is used up until after this request's deadline;"
                + " the provider was not called", seconds, new RefusedLocally("provider budget spent"));
    }
}
