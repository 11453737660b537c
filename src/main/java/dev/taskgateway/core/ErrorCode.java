package dev.taskgateway.core;

/** Why a source did not answer (DESIGN §5 {@code error.code}). */
public enum ErrorCode {
    UPSTREAM_TIMEOUT(SourceState.TIMEOUT),
    UPSTREAM_UNAVAILABLE(SourceState.ERROR),
    UPSTREAM_BAD_RESPONSE(SourceState.ERROR),
    UPSTREAM_AUTH_FAILED(SourceState.ERROR),
    UPSTREAM_RATE_LIMITED(SourceState.RATE_LIMITED),
    UPSTREAM_REJECTED(SourceState.ERROR),
    CIRCUIT_OPEN(SourceState.CIRCUIT_OPEN);

    private final SourceState state;

    ErrorCode(SourceState state) {
        this.state = state;
    }

    /** The source state a failure with this code reports when no cache can answer. */
    public SourceState state() {
        return state;
    }
}
