package dev.taskgateway.core;

import java.time.Instant;

/**
 * A planned window of a task (DESIGN §4 {@code schedule}): when the provider is set to start it and
 * to stop or pause it. A plan, not an observation: {@link Task#startedAt()} and
 * {@link Task#finishedAt()} say what happened.
 *
 * @param start planned start, or null
 * @param end   planned end or pause, or null
 */
public record TaskSchedule(Instant start, Instant end) {

    /** The window, or null when neither end is known (a task without a plan has no schedule). */
    public static TaskSchedule of(Instant start, Instant end) {
        return start == null && end == null ? null : new TaskSchedule(start, end);
    }
}
