package dev.taskgateway.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Whether the shared store answers, as {@code /sources} and the {@code sources} health component
 * show it: from the outcome of the last call made to it (the per-key rate limit makes one on every
 * authenticated request, so it is never old while the gateway is used). Always available with
 * {@code memory}. Never part of readiness: replicas keep serving reads from local state.
 */
public final class SharedStateStatus {

    /**
     * The state as shown.
     *
     * @param store       {@code memory} or {@code redis}
     * @param available   false while the last call to the shared store failed
     * @param since       when the store last changed between available and not, or null
     * @param lastError   the last failure's one-line cause, or null
     */
    public record Snapshot(String store, boolean available, Instant since, String lastError) {
    }

    private final String store;
    private final Clock clock;
    private final Duration retryAfter;
    private volatile boolean available = true;
    private volatile Instant since;
    private volatile Instant retryAt = Instant.MIN;
    private volatile String lastError;

    public SharedStateStatus(StateProperties.Store store, Clock clock, Duration retryAfter) {
        this.store = store.name().toLowerCase(Locale.ROOT);
        this.clock = clock;
        this.retryAfter = retryAfter;
    }

    public Snapshot snapshot() {
        return new Snapshot(store, available, since, lastError);
    }

    /** True while a recent failure says to go straight to the fallbacks. */
    boolean skipping() {
        return !available && clock.instant().isBefore(retryAt);
    }

    void succeeded() {
        if (!available) {
            available = true;
            since = clock.instant();
        }
    }

    void failed(Throwable cause) {
        Instant now = clock.instant();
        if (available) {
            available = false;
            since = now;
        }
        retryAt = now.plus(retryAfter);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String line = message.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
        lastError = line.length() <= 160 ? line : line.substring(0, 159) + "…";
    }
}
