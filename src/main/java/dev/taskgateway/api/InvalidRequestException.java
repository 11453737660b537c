package dev.taskgateway.api;

import java.util.List;

/** A request with bad input: every bad parameter is named in {@link #errors()}. */
public class InvalidRequestException extends RuntimeException {

    /** One bad parameter. */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid parameter(s): " + errors.stream().map(FieldError::field).toList(),
                null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** A request with one bad parameter. */
    public static InvalidRequestException of(String field, String message) {
        return new InvalidRequestException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
