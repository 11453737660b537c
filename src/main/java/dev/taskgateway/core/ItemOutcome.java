package dev.taskgateway.core;

/**
 * What happened to one task of a batch.
 *
 * @param id      the task
 * @param outcome {@code DONE}, {@code NOT_FOUND}, {@code CONFLICT} or {@code FAILED}
 * @param code    the error code when failed, else null
 * @param message one line when not done, else null
 */
public record ItemOutcome(TaskId id, Outcome outcome, String code, String message) {

    /** The outcome of one item. */
    public enum Outcome { DONE, NOT_FOUND, CONFLICT, FAILED }

    /** A task that was acted on. */
    public static ItemOutcome done(TaskId id) {
        return new ItemOutcome(id, Outcome.DONE, null, null);
    }

    /** The outcome of a failure on {@code id}. */
    public static ItemOutcome failed(TaskId id, RuntimeException e) {
        if (e instanceof TaskNotFoundException) {
            return new ItemOutcome(id, Outcome.NOT_FOUND, null, e.getMessage());
        }
        if (e instanceof ActionConflictException) {
            return new ItemOutcome(id, Outcome.CONFLICT, null, e.getMessage());
        }
        String code = e instanceof SourceException s ? s.code().name()
                : e instanceof ActionNotSupportedException ? "NOT_SUPPORTED" : "FAILED";
        return new ItemOutcome(id, Outcome.FAILED, code, e.getMessage());
    }
}
