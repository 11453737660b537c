package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import java.time.Instant;
import java.util.Map;
import java.util.List;

/** A task as the API shows it (DESIGN §4). {@code raw} appears only when asked for. */
public record TaskBody(String id, String source, String provider, String nativeId, String kind, String name,
                       String description, String status, String nativeStatus, String nativeStatusLabel,
                       String statusReason, Double progress, String owner, Instant createdAt, Instant updatedAt,
                       Instant startedAt, Instant finishedAt, Map<String, Number> metrics, List<String> actions,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Object raw) {

    /** The body of {@code task}. */
    public static TaskBody from(Task task) {
        return new TaskBody(task.id().toString(), task.id().source(), task.provider(), task.id().nativeId(),
                task.kind().wireName(), task.name(), task.description(), task.status().name(), task.nativeStatus(),
                task.nativeStatusLabel(), task.statusReason(), task.progress(), task.owner(), task.createdAt(),
                task.updatedAt(), task.startedAt(), task.finishedAt(), task.metrics(),
                task.actions().stream().map(TaskAction::wireName).toList(), task.raw());
    }
}
