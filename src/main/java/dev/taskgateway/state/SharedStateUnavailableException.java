package dev.taskgateway.state;

/**
 * The shared store did not answer in time (down, slow, or skipped since a recent failure). Callers
 * that can fall back to local state do; an action whose {@code Idempotency-Key} needs the shared
 * store is refused with 503 instead, rather than risk running twice.
 */
public final class SharedStateUnavailableException extends RuntimeException {

    /** Seconds a client should wait before trying again. */
    public static final long RETRY_AFTER_SECONDS = 1;

    public SharedStateUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
