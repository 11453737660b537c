package dev.taskgateway.core;

import java.time.Duration;

/**
 * What the client of one gateway request allows the upstream calls made on its behalf: a deadline
 * and whether fresh cache entries may answer. Source decorators (cache, retry) read it; the web
 * layer opens it per request and the fan-out executor carries it to the threads that call sources,
 * the same way it carries the log context. Plain Java, so the port stays framework-free.
 *
 * @param noCache       true when the client sent {@code Cache-Control: no-cache}: skip fresh entries
 * @param deadlineNanos {@link System#nanoTime()} by which the request must have its answers, or
 *                      null for none
 */
public record CallContext(boolean noCache, Long deadlineNanos) {

    /** No deadline, cache allowed: what calls outside a request get. */
    public static final CallContext NONE = new CallContext(false, null);

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    /** A context whose deadline is {@code timeLeft} from now. */
    public static CallContext within(Duration timeLeft, boolean noCache) {
        return new CallContext(noCache, System.nanoTime() + timeLeft.toNanos());
    }

    /** The context of the calling thread; {@link #NONE} when none is open. */
    public static CallContext current() {
        CallContext context = CURRENT.get();
        return context == null ? NONE : context;
    }

    /** Makes {@code context} current until the returned scope is closed, then restores the previous one. */
    public static Scope open(CallContext context) {
        CallContext previous = CURRENT.get();
        CURRENT.set(context);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Nanoseconds left before the deadline (zero or less once passed); {@link Long#MAX_VALUE} without one. */
    public long remainingNanos() {
        return deadlineNanos == null ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }

    /** True when waiting {@code wait} from now would end at or after the deadline. */
    public boolean wouldPassDeadline(Duration wait) {
        return deadlineNanos != null && wait.toNanos() >= remainingNanos();
    }

    /** Restores the previous context; never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
