package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Maps TikMatrix task objects to {@link Task}s. Pure: same input, same output. */
final class TikmatrixTaskMapper {

    static final String PROVIDER = "tikmatrix";

    private final String sourceId;
    private final ZoneId zone;

    TikmatrixTaskMapper(String sourceId, ZoneId zone) {
        this.sourceId = sourceId;
        this.zone = zone;
    }

    /** The unified status of a native status (0-3, number or numeric string). */
    static TaskStatus status(Long nativeStatus) {
        if (nativeStatus == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (nativeStatus.intValue()) {
            case 0 -> TaskStatus.PENDING;
            case 1 -> TaskStatus.RUNNING;
            case 2 -> TaskStatus.SUCCEEDED;
            case 3 -> TaskStatus.FAILED;
            default -> TaskStatus.UNKNOWN;
        };
    }

    /** The native status a unified one is sent upstream as, or null when it has none. */
    static Integer nativeStatus(TaskStatus status) {
        return switch (status) {
            case PENDING -> 0;
            case RUNNING -> 1;
            case SUCCEEDED -> 2;
            case FAILED -> 3;
            default -> null;
        };
    }

    static String label(Long nativeStatus) {
        if (nativeStatus == null) {
            return null;
        }
        return switch (nativeStatus.intValue()) {
            case 0 -> "pending";
            case 1 -> "running";
            case 2 -> "completed";
            case 3 -> "failed";
            default -> null;
        };
    }

    /** What the gateway accepts for a task in {@code status}: stop while running, retry once failed. */
    static List<TaskAction> actions(TaskStatus status) {
        List<TaskAction> actions = new ArrayList<>();
        if (status == TaskStatus.RUNNING) {
            actions.add(TaskAction.STOP);
        }
        if (status == TaskStatus.FAILED) {
            actions.add(TaskAction.RETRY);
        }
        actions.add(TaskAction.DELETE);
        return actions;
    }

    /** The task for one TikMatrix object; throws IllegalArgumentException when it has no id. */
    Task toTask(JsonNode node) {
        Long id = LenientJson.longValue(node, "id");
        if (id == null) {
            throw new IllegalArgumentException("TikMatrix task without an id");
        }
        Long nativeStatus = LenientJson.longValue(node, "status");
        TaskStatus status = status(nativeStatus);
        String device = LenientJson.nonBlank(node, "username") != null
                ? LenientJson.nonBlank(node, "username") : LenientJson.nonBlank(node, "serial");
        String script = LenientJson.nonBlank(node, "script_name");
        Map<String, Number> metrics = new LinkedHashMap<>();
        Long retries = LenientJson.longValue(node, "retry_count");
        if (retries != null) {
            metrics.put("retryCount", retries);
        }
        return Task.builder(TaskId.of(sourceId, Long.toString(id)), PROVIDER, TaskKind.DEVICE_AUTOMATION)
                .name(script == null ? null : device == null ? script : script + " @ " + device)
                .description(LenientJson.nonBlank(node, "remark"))
                .status(status)
                .nativeStatus(nativeStatus == null ? LenientJson.text(node, "status") : Long.toString(nativeStatus))
                .nativeStatusLabel(label(nativeStatus))
                .statusReason(status == TaskStatus.FAILED ? LenientJson.nonBlank(node, "error") : null)
                .progress(status == TaskStatus.SUCCEEDED ? Double.valueOf(100) : null)
                .owner(device)
                .createdAt(LenientJson.localDateTime(node, "created_at", zone))
                .startedAt(LenientJson.localDateTime(node, "started_at", zone))
                .finishedAt(LenientJson.localDateTime(node, "finished_at", zone))
                .metrics(metrics)
                .actions(actions(status))
                .raw(node)
                .build();
    }
}
