package dev.taskgateway.changes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.api.TaskBody;
import dev.taskgateway.core.TaskChange;
import dev.taskgateway.core.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;

/**
 * One change as a stream event's data and a webhook's body.
 *
 * @param id             the event id (as in the SSE {@code id:} field), for Last-Event-ID
 * @param type           created, changed or removed
 * @param source         the source the task belongs to
 * @param task           the task now (for removed: as last seen), normalized, without raw
 * @param previousStatus the status before; absent for created
 * @param detectedAt     when the gateway read the change
 */
@Schema(name = "TaskChange", description = "a task that was created, changed (status, progress, times) or removed")
public record ChangeEventBody(String id, String type, String source, TaskBody task,
                              @JsonInclude(JsonInclude.Include.NON_NULL) TaskStatus previousStatus,
                              Instant detectedAt) {

    /** The body of {@code change}, whose event id is {@code id}. */
    public static ChangeEventBody of(String id, TaskChange change) {
        return new ChangeEventBody(id, change.type().name().toLowerCase(Locale.ROOT), change.source(),
                TaskBody.from(change.task()), change.previousStatus(), change.detectedAt());
    }
}
