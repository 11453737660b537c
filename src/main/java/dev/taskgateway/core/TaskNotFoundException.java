package dev.taskgateway.core;

/** The source answered and has no task with that id. */
public class TaskNotFoundException extends RuntimeException {

    public TaskNotFoundException(TaskId id) {
        super("source " + id.source() + " has no task " + id.nativeId(), null, false, false);
    }
}
