package dev.taskgateway.providers.minitask;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/** Minitask job → {@link Task}; pure. */
final class MinitaskTaskMapper {

    static final String PROVIDER = "minitask";

    private final String sourceId;

    MinitaskTaskMapper(String sourceId) {
        this.sourceId = sourceId;
    }

    /** The status table (same rows in MinitaskTaskMapperTests). */
    static TaskStatus status(String state) {
        if (state == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (state) {
            case "queued" -> TaskStatus.PENDING;
            case "working" -> TaskStatus.RUNNING;
            case "done" -> TaskStatus.SUCCEEDED;
            case "broken" -> TaskStatus.FAILED;
            default -> TaskStatus.UNKNOWN;
        };
    }

    /** The task for one job; throws IllegalArgumentException when it has no {@code ref}. */
    Task toTask(JsonNode job) {
        String ref = LenientJson.nonBlank(job, "ref");
        if (ref == null) {
            throw new IllegalArgumentException("Minitask job without a ref");
        }
        String state = LenientJson.text(job, "state");
        return Task.builder(TaskId.of(sourceId, ref), PROVIDER, TaskKind.GENERATION)
                .name(LenientJson.nonBlank(job, "title"))
                .status(status(state))
                .nativeStatus(state)
                .nativeStatusLabel(state)
                .createdAt(created(LenientJson.nonBlank(job, "created")))
                .raw(RawJson.of(job))
                .build();
    }

    /** An unreadable time is no time (the task sorts last), never a failed page. */
    private static Instant created(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
