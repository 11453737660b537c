package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Maps new-api task objects ({@code model.Task} / {@code dto.TaskDto}) to {@link Task}s. Pure. */
final class NewApiTaskMapper {

    static final String PROVIDER = "new-api";

    /**
     * The {@code task_id}s new-api can hold: {@code task_} + 32 random characters on current
     * builds, the upstream platform's id (UUIDs, numbers) on older ones.
     */
    static final Pattern NATIVE_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Video tasks store the channel type as their platform (PROVIDER-NOTES §3.4). */
    private static final Map<String, String> CHANNEL_PLATFORMS = Map.of("50", "kling", "51", "jimeng",
            "52", "vidu", "54", "doubao", "55", "sora", "24", "gemini", "41", "vertex");

    private final String sourceId;

    NewApiTaskMapper(String sourceId) {
        this.sourceId = sourceId;
    }

    /** The unified status of a native one (DESIGN §4); exact, as new-api writes its constants. */
    static TaskStatus status(String nativeStatus) {
        if (nativeStatus == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (nativeStatus) {
            case "NOT_START", "SUBMITTED", "QUEUED" -> TaskStatus.PENDING;
            case "IN_PROGRESS" -> TaskStatus.RUNNING;
            case "SUCCESS" -> TaskStatus.SUCCEEDED;
            case "FAILURE" -> TaskStatus.FAILED;
            default -> TaskStatus.UNKNOWN; // "UNKNOWN", "" and whatever a newer build adds
        };
    }

    /**
     * The native values a unified status stands for, the inverse of {@link #status}; null when the
     * set is open (UNKNOWN also covers "" and values no build has told us about).
     */
    static Set<String> nativeStatuses(TaskStatus status) {
        return switch (status) {
            case PENDING -> Set.of("NOT_START", "SUBMITTED", "QUEUED");
            case RUNNING -> Set.of("IN_PROGRESS");
            case SUCCEEDED -> Set.of("SUCCESS");
            case FAILED -> Set.of("FAILURE");
            case PAUSED, STOPPED -> Set.of();
            case UNKNOWN -> null;
        };
    }

    static String label(String nativeStatus) {
        if (nativeStatus == null) {
            return null;
        }
        return switch (nativeStatus) {
            case "NOT_START" -> "not started";
            case "SUBMITTED" -> "submitted";
            case "QUEUED" -> "queued";
            case "IN_PROGRESS" -> "in progress";
            case "SUCCESS" -> "success";
            case "FAILURE" -> "failure";
            case "UNKNOWN" -> "unknown";
            default -> null;
        };
    }

    /** A readable platform: video channel types by name, other numbers as "platform N". */
    static String platformName(String platform) {
        if (platform == null || platform.isBlank()) {
            return null;
        }
        String named = CHANNEL_PLATFORMS.get(platform.trim());
        if (named != null) {
            return named;
        }
        return platform.trim().chars().allMatch(Character::isDigit) ? "platform " + platform.trim() : platform.trim();
    }

    /** Platform and action, e.g. {@code suno MUSIC} or {@code kling generate}; null when both are missing. */
    static String name(String platform, String action) {
        String readable = platformName(platform);
        String verb = action == null || action.isBlank() ? null : action.trim();
        if (readable == null) {
            return verb;
        }
        return verb == null ? readable : readable + " " + verb;
    }

    /** Percent from {@code "45%"} (or a bare number); null when unreadable or outside 0..100. */
    static Double progress(JsonNode node) {
        Double percent = LenientJson.doubleValue(node, "progress");
        return percent == null || percent < 0 || percent > 100 ? null : percent;
    }

    /**
     * When the task was created: {@code created_at}, which GORM sets when the row is inserted and
     * so grows with {@code id}, the order new-api lists by ({@code ORDER BY id DESC}); the list's
     * order is then the gateway's. {@code submit_time} is stamped before the upstream platform is
     * called and the row inserted after (a video submit can take a minute), so it can disagree
     * with {@code id}; it is used only when {@code created_at} is 0 or missing, and stays in raw.
     */
    static Instant createdAt(JsonNode node) {
        Instant created = LenientJson.epochSeconds(node, "created_at");
        return created != null ? created : LenientJson.epochSeconds(node, "submit_time");
    }

    /** The task for one new-api object; throws IllegalArgumentException when its task_id is unusable. */
    Task toTask(JsonNode node) {
        String taskId = LenientJson.text(node, "task_id");
        if (taskId == null || !NATIVE_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("new-api task without a usable task_id");
        }
        String nativeStatus = LenientJson.text(node, "status");
        TaskStatus status = status(nativeStatus);
        Long userId = LenientJson.longValue(node, "user_id");
        JsonNode properties = LenientJson.object(node, "properties");
        Map<String, Number> metrics = new LinkedHashMap<>();
        Integer quota = LenientJson.intValue(node, "quota"); // an int column: past that, unknown
        if (quota != null) {
            metrics.put("quota", quota);
        }
        return Task.builder(TaskId.of(sourceId, taskId), PROVIDER, TaskKind.GENERATION)
                .name(name(LenientJson.text(node, "platform"), LenientJson.text(node, "action")))
                .description(LenientJson.nonBlank(properties, "input"))
                .status(status)
                .nativeStatus(nativeStatus)
                .nativeStatusLabel(label(nativeStatus))
                // Only on failures: older builds keep the result URL of successful tasks in fail_reason.
                .statusReason(status == TaskStatus.FAILED ? LenientJson.nonBlank(node, "fail_reason") : null)
                .progress(progress(node))
                .owner(userId == null || userId <= 0 ? null : Long.toString(userId))
                .createdAt(createdAt(node))
                .updatedAt(LenientJson.epochSeconds(node, "updated_at"))
                .startedAt(LenientJson.epochSeconds(node, "start_time"))
                .finishedAt(LenientJson.epochSeconds(node, "finish_time"))
                .metrics(metrics)
                .actions(List.of())
                .raw(RawJson.of(node))
                .build();
    }
}
