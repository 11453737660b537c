package dev.taskgateway.core;

/**
 * The cause of a {@link SourceException} the gateway raised itself, without calling the provider
 * (its provider budget was spent until after the deadline): not a provider failure, so no breaker
 * counts it, no retry repeats it, and an action refused so was never sent.
 */
public final class RefusedLocally extends RuntimeException {

    public RefusedLocally(String reason) {
        super(reason, null, false, false);
    }
}
