package dev.taskgateway.core;

/** What sort of work a task is; each provider produces one kind. */
public enum TaskKind {
    OUTBOUND_CALL("outbound-call"),
    GENERATION("generation"),
    DEVICE_AUTOMATION("device-automation");

    private final String wireName;

    TaskKind(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in JSON, e.g. {@code outbound-call}. */
    public String wireName() {
        return wireName;
    }
}
