package dev.taskgateway.core;

/** The task's current state forbids the action (HTTP 409). */
public class ActionConflictException extends RuntimeException {

    public ActionConflictException(String message) {
        super(message, null, false, false);
    }
}
