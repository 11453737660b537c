package dev.taskgateway.core;

/** A cursor that this gateway did not make, or made for other parameters. */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException(String message) {
        super(message, null, false, false);
    }
}
