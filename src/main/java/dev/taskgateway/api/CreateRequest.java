package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Map;

/**
 * The body of {@code POST /sources/{source}/tasks}: the provider's own create request, any JSON
 * object (its adapter checks it).
 */
record CreateRequest(Map<String, Object> fields) implements ActionBody {

    /** The whole body is the map: there is no wrapper member. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    CreateRequest {
    }
}
