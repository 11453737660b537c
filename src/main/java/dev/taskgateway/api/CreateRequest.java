package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * The body of {@code POST /sources/{source}/tasks}: the provider's own create request, any JSON
 * object (its adapter checks it), and the text it was sent as, which its {@code Idempotency-Key}
 * fingerprint covers.
 *
 * @param fields the object
 * @param sent   the body as sent (UTF-8), or null until {@link ActionBodyReading} sets it
 */
record CreateRequest(Map<String, Object> fields, String sent) implements ActionBody {

    /** The whole body is the map: there is no wrapper member. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static CreateRequest of(Map<String, Object> fields) {
        return new CreateRequest(fields, null);
    }

    CreateRequest sentAs(String text) {
        return new CreateRequest(fields, text);
    }
}
