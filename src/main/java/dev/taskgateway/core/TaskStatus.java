package dev.taskgateway.core;

import java.util.Locale;
import java.util.Optional;

/** The unified task status every provider's native status maps to. */
public enum TaskStatus {
    PENDING, RUNNING, PAUSED, STOPPED, SUCCEEDED, FAILED, UNKNOWN;

    /** Reads a status name case-insensitively; empty when it names no status. */
    public static Optional<TaskStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
