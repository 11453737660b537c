package dev.taskgateway.core;

/** A request named a source that is not configured or not enabled. */
public class UnknownSourceException extends RuntimeException {

    private final String sourceId;

    public UnknownSourceException(String sourceId) {
        super("no enabled source has id '" + sourceId + "'", null, false, false);
        this.sourceId = sourceId;
    }

    /** The id that was asked for. */
    public String sourceId() {
        return sourceId;
    }
}
