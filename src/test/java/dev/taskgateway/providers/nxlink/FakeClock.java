package dev.taskgateway.providers.nxlink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when told to, or by a fixed step each time it is read. */
final class FakeClock extends Clock {

    private Instant now;
    private final Duration step;

    FakeClock(Instant start, Duration step) {
        this.now = start;
        this.step = step;
    }

    /** Moves the clock by {@code amount}. */
    synchronized void advance(Duration amount) {
        now = now.plus(amount);
    }

    @Override
    public synchronized Instant instant() {
        Instant read = now;
        now = now.plus(step);
        return read;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
