package dev.taskgateway.core;

/** How one source took part in a request (DESIGN §5). */
public enum SourceState {
    OK, STALE, ERROR, TIMEOUT, CIRCUIT_OPEN, RATE_LIMITED, SKIPPED;

    /** True when the source's tasks are in the answer, fresh or from cache. */
    public boolean answered() {
        return this == OK || this == STALE;
    }
}
