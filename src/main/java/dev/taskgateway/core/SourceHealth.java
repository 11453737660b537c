package dev.taskgateway.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** The last outcome of one source, for {@code /sources} and health. Thread-safe. */
public final class SourceHealth {

    /**
     * @param lastSuccess   last time it answered fresh, or null
     * @param lastFailure   last time it failed, or null
     * @param lastErrorCode code of the last failure, or null
     */
    public record Snapshot(Instant lastSuccess, Instant lastFailure, ErrorCode lastErrorCode) {
    }

    private final AtomicReference<Snapshot> state = new AtomicReference<>(new Snapshot(null, null, null));

    /** Records a fresh answer at {@code when}. */
    public void success(Instant when) {
        state.updateAndGet(s -> new Snapshot(when, s.lastFailure(), s.lastErrorCode()));
    }

    /** Records a failure at {@code when}. */
    public void failure(Instant when, ErrorCode code) {
        state.updateAndGet(s -> new Snapshot(s.lastSuccess(), when, code));
    }

    /** The current outcome. */
    public Snapshot snapshot() {
        return state.get();
    }
}
