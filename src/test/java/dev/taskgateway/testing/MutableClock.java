package dev.taskgateway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tests' one clock: it stands still until a test moves it, or, made {@link #ticking}, moves by
 * a fixed step after each reading (for code that reads the time twice and must see it pass).
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration step;

    /** A clock standing still at {@code start}. */
    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private MutableClock(Instant start, Duration step) {
        this.now = new AtomicReference<>(start);
        this.step = step;
    }

    /** A clock at {@code start} that moves by {@code step} after each reading. */
    public static MutableClock ticking(Instant start, Duration step) {
        return new MutableClock(start, step);
    }

    /** Moves time forward by {@code amount}. */
    public void advance(Duration amount) {
        now.updateAndGet(t -> t.plus(amount));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
