package dev.taskgateway.core;

import java.time.Instant;

/**
 * One change the gateway saw between two successive reads of a source's whole list.
 *
 * @param sequence       its place in the gateway's change log (the event id's number)
 * @param type           created, changed or removed
 * @param source         the source it came from
 * @param task           the task as it is now (for a removal: as it was last seen), without its raw record
 * @param previous       the task as it was before, or null when it was created
 * @param detectedAt     when the gateway saw it (the later read's time)
 */
public record TaskChange(long sequence, Type type, String source, Task task, Task previous, Instant detectedAt) {

    /** What happened to the task. */
    public enum Type { CREATED, CHANGED, REMOVED }

    /** The status before the change; null for a created task. */
    public TaskStatus previousStatus() {
        return previous == null ? null : previous.status();
    }

    /**
     * True when a subscriber with {@code filter} sees this change: its source is selected and the
     * task matches before or after, so a dashboard filtered on a status also sees a task leave it.
     */
    public boolean matches(TaskFilter filter) {
        return filter.selects(source, task.provider())
                && (filter.matches(task) || (previous != null && filter.matches(previous)));
    }
}
