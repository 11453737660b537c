package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSchedule;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Maps TikMatrix task objects to {@link Task}s. Pure: same input, same output.
 *
 * <p>The task object is undocumented. Fields are read under the names PROVIDER-NOTES §4.3a tells
 * us to assume ({@code started_at}, {@code finished_at}) and, when those are absent, under the
 * names the desktop UI renders ({@code start_time}, {@code end_time}); {@code script_config} or
 * the UI's {@code script_args} feed no field and stay in {@code raw}. A time only counts as a start or finish when the status says the task
 * did start or finish: a pending task's {@code start_time} is its plan (create takes a
 * {@code start_time} to run at), so it becomes {@code schedule.start}; a pending task's
 * {@code started_at} (left from a run before a retry) is dropped.
 */
final class TikmatrixTaskMapper {

    static final String PROVIDER = "tikmatrix";

    private final String sourceId;
    private final ZoneId zone;

    TikmatrixTaskMapper(String sourceId, ZoneId zone) {
        this.sourceId = sourceId;
        this.zone = zone;
    }

    /** The unified status of a native status (0-3, number or numeric string). */
    static TaskStatus status(Integer nativeStatus) {
        if (nativeStatus == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (nativeStatus) {
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

    static String label(Integer nativeStatus) {
        if (nativeStatus == null) {
            return null;
        }
        return switch (nativeStatus) {
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
        // Past the int range (or a fraction) the status is unknown, never wrapped into 0-3.
        Integer nativeStatus = LenientJson.intValue(node, "status");
        TaskStatus status = status(nativeStatus);
        String device = LenientJson.nonBlank(node, "username") != null
                ? LenientJson.nonBlank(node, "username") : LenientJson.nonBlank(node, "serial");
        String script = LenientJson.nonBlank(node, "script_name");
        Map<String, Number> metrics = new LinkedHashMap<>();
        Integer retries = LenientJson.intValue(node, "retry_count");
        if (retries != null) {
            metrics.put("retryCount", retries);
        }
        return Task.builder(TaskId.of(sourceId, Long.toString(id)), PROVIDER, TaskKind.DEVICE_AUTOMATION)
                .name(script == null ? null : device == null ? script : script + " @ " + device)
                .description(LenientJson.nonBlank(node, "remark"))
                .status(status)
                .nativeStatus(nativeStatus == null ? LenientJson.text(node, "status") : Integer.toString(nativeStatus))
                .nativeStatusLabel(label(nativeStatus))
                .statusReason(status == TaskStatus.FAILED ? LenientJson.nonBlank(node, "error") : null)
                .progress(status == TaskStatus.SUCCEEDED ? Double.valueOf(100) : null)
                .owner(device)
                .createdAt(LenientJson.localDateTime(node, "created_at", zone))
                .startedAt(status == TaskStatus.PENDING || status == TaskStatus.UNKNOWN ? null : start(node))
                .finishedAt(status == TaskStatus.SUCCEEDED || status == TaskStatus.FAILED
                        ? time(node, "finished_at", "end_time") : null)
                .schedule(status == TaskStatus.PENDING ? TaskSchedule.of(plannedStart(node), null) : null)
                .metrics(metrics)
                .actions(actions(status))
                .raw(RawJson.of(node))
                .build();
    }

    /**
     * The desktop UI's {@code start_time} of a task that has not started: the time create was
     * told to run it at. {@code started_at} is never a plan (on a pending task it is left over
     * from a run before a retry).
     */
    private Instant plannedStart(JsonNode node) {
        return LenientJson.nonBlank(node, "started_at") != null ? null : LenientJson.localDateTime(node, "start_time", zone);
    }

    private Instant start(JsonNode node) {
        return time(node, "started_at", "start_time");
    }

    /** A zone-less local time under the assumed name, else under the desktop UI's name. */
    private Instant time(JsonNode node, String assumed, String desktop) {
        return LenientJson.nonBlank(node, assumed) != null
                ? LenientJson.localDateTime(node, assumed, zone) : LenientJson.localDateTime(node, desktop, zone);
    }
}
