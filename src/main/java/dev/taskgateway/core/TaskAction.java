package dev.taskgateway.core;

import java.util.Locale;
import java.util.Optional;

/** An operation a client may ask the gateway to perform on one task. */
public enum TaskAction {
    STOP, PAUSE, RESUME, RETRY, DELETE;

    /** The name used in URLs and JSON, e.g. {@code stop}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a wire name; empty when it names no action. */
    public static Optional<TaskAction> parse(String text) {
        for (TaskAction action : values()) {
            if (action.wireName().equals(text)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
