package dev.taskgateway.api;

import dev.taskgateway.core.TaskId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /tasks:batchDelete}: 1 to {@value #MAX} task ids. The items bind as any
 * JSON value so that one of the wrong type is named by its index like any other malformed id.
 */
record BatchDeleteRequest(@NotNull(message = SHAPE) @Size(min = 1, max = MAX, message = SHAPE) List<Object> ids)
        implements ActionBody {

    static final int MAX = 100;
    private static final String SHAPE = "must be a list of 1 to " + MAX + " task ids";

    /** The ids parsed, or every malformed one named by its index ({@code ids[3]}). */
    List<TaskId> taskIds() {
        List<InvalidRequestException.FieldError> errors = new ArrayList<>();
        List<TaskId> parsed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                parsed.add(TaskId.parse(ids.get(i) instanceof String text ? text : null));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidRequestException.FieldError("ids[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return parsed;
    }
}
