package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskStatus;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.List;

/** A task as the API shows it (DESIGN §4). {@code raw} appears only when asked for. */
@Schema(name = "Task", description = "One task of one source, normalized (docs/providers.md has each provider's "
        + "mapping). Fields the provider does not give are null.")
public record TaskBody(
        @Schema(description = "<source>:<nativeId>", example = "nxlink-hk:52145b00-abc9-4a87-94c2-ed1e1e42ec1c")
        String id,
        @Schema(example = "nxlink-hk") String source,
        @Schema(allowableValues = {"longlonglong", "nxlink", "new-api", "tikmatrix"}) String provider,
        @Schema(example = "52145b00-abc9-4a87-94c2-ed1e1e42ec1c") String nativeId,
        @Schema(allowableValues = {"outbound-call", "generation", "device-automation"}) String kind,
        @Schema(types = {"string", "null"}, example = "update_task_name_xxx1") String name,
        @Schema(types = {"string", "null"}) String description,
        @Schema(implementation = TaskStatus.class) String status,
        @Schema(types = {"string", "null"}, description = "the provider's own status value, as a string",
                example = "5") String nativeStatus,
        @Schema(types = {"string", "null"}, example = "Paused") String nativeStatusLabel,
        @Schema(types = {"string", "null"}, description = "why, when the provider says",
                example = "insufficient balance") String statusReason,
        @Schema(types = {"number", "null"}, description = "percent 0..100", example = "12.5") Double progress,
        @Schema(types = {"string", "null"}, description = "account, user or device the task belongs to")
        String owner,
        @Schema(types = {"string", "null"}, format = "date-time", description = "null sorts last")
        Instant createdAt,
        @Schema(types = {"string", "null"}, format = "date-time") Instant updatedAt,
        @Schema(types = {"string", "null"}, format = "date-time",
                description = "when the task did start; null unless the provider says it did") Instant startedAt,
        @Schema(types = {"string", "null"}, format = "date-time",
                description = "when the task did finish; null unless the provider says it did") Instant finishedAt,
        @Schema(types = {"object", "null"}, implementation = ScheduleBody.class,
                description = "the planned window (a campaign's start/stop times, a scheduled start), or null")
        ScheduleBody schedule,
        @Schema(description = "provider counters, named per provider in docs/providers.md",
                example = "{\"totalOrders\": 120, \"answeredCalls\": 37}") Map<String, Number> metrics,
        @ArraySchema(schema = @Schema(allowableValues = {"stop", "pause", "resume", "retry", "delete"}),
                arraySchema = @Schema(description = "what POST /tasks/{id}/{action} and DELETE accept now"))
        List<String> actions,
        @Schema(description = "the provider's record as sent; only with include=raw and on GET /tasks/{id}")
        @JsonInclude(JsonInclude.Include.NON_NULL) Object raw) {

    /** The body of {@code task}. */
    public static TaskBody from(Task task) {
        return new TaskBody(task.id().toString(), task.id().source(), task.provider(), task.id().nativeId(),
                task.kind().wireName(), task.name(), task.description(), task.status().name(), task.nativeStatus(),
                task.nativeStatusLabel(), task.statusReason(), task.progress(), task.owner(), task.createdAt(),
                task.updatedAt(), task.startedAt(), task.finishedAt(), ScheduleBody.from(task.schedule()),
                task.metrics(),
                task.actions().stream().map(TaskAction::wireName).toList(), task.raw());
    }
}
