package dev.taskgateway.core;

/** A provider-native create body that the adapter refuses before sending anything (HTTP 400). */
public class InvalidTaskBodyException extends RuntimeException {

    private final String field;

    public InvalidTaskBodyException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The bad field, e.g. {@code script_name} or {@code serials[2]}. */
    public String field() {
        return field;
    }
}
