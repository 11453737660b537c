package dev.taskgateway.api;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Names what is wrong with a request body that could not be bound, in the words the actions used
 * when they parsed bodies by hand: {@code body} when it is missing, not JSON or not an object; the
 * member ({@code ids}, {@code ids[2]}) when it has the wrong JSON type.
 */
final class BodyErrors {

    private BodyErrors() {
    }

    /** The problem for {@code e}; {@code hadContent} tells an empty body from a JSON {@code null}. */
    static InvalidRequestException unreadable(HttpMessageNotReadableException e, boolean hadContent) {
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            if (!mismatch.getPath().isEmpty()) {
                return InvalidRequestException.of(path(mismatch.getPath()), wrongType(mismatch));
            }
            // Jackson reports a second value after the object as a mismatch, with no type of its own.
            return InvalidRequestException.of("body", String.valueOf(mismatch.getOriginalMessage())
                    .startsWith("Trailing token") ? "is not valid JSON" : "must be a JSON object");
        }
        if (e.getCause() == null) {
            return InvalidRequestException.of("body", hadContent ? "must be a JSON object" : "a JSON object is required");
        }
        return InvalidRequestException.of("body", "is not valid JSON");
    }

    /** {@code ids}, {@code ids[2]}, {@code a.b}: the member as a client wrote it. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    /** The member's own constraint message when its record declares one: it says what the member must be. */
    private static String wrongType(MismatchedInputException e) {
        JacksonException.Reference last = e.getPath().get(e.getPath().size() - 1);
        if (last.from() instanceof Class<?> owner && last.getPropertyName() != null) {
            try {
                NotNull declared = owner.getDeclaredField(last.getPropertyName()).getAnnotation(NotNull.class);
                if (declared != null) {
                    return declared.message();
                }
            } catch (NoSuchFieldException noSuchField) {
                // a JSON name that is not the field's: say what is wrong without the constraint's words
            }
        }
        return "has the wrong JSON type";
    }
}
