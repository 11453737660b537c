package dev.taskgateway.core;

import java.util.Objects;

/**
 * A source could not answer. The message is one line for clients: it never carries secrets or
 * whole upstream bodies, so adapters summarize before they throw.
 */
public class SourceException extends RuntimeException {

    private final ErrorCode code;
    private final Long retryAfterSeconds;

    public SourceException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public SourceException(ErrorCode code, String message, Long retryAfterSeconds, Throwable cause) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Why it failed. */
    public ErrorCode code() {
        return code;
    }

    /** Seconds the provider asked us to wait, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** True for failures a retry may fix: I/O, timeouts, 5xx, rate limits. */
    public boolean isTransient() {
        return code == ErrorCode.UPSTREAM_TIMEOUT || code == ErrorCode.UPSTREAM_UNAVAILABLE
                || code == ErrorCode.UPSTREAM_RATE_LIMITED;
    }
}
