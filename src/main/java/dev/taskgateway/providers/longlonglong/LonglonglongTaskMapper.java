package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSchedule;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Maps Longlonglong task-list items to {@link Task}s. Pure: same input, same output.
 *
 * <p>Longlonglong has no status field the docs stand behind ({@code status}/{@code status_str}
 * contradict the documented rule in the docs' own example), so the state is derived from
 * {@code enable} and the remote task's {@code new_task_extra.call_status}, and written down as
 * {@code nativeStatus} in a stable form: {@code enable=<v>,call_status=<v>}, or
 * {@code enable=<v>,new_task_extra=empty} for an abnormal task, where {@code <v>} is
 * {@code true}, {@code false} or {@code ?} (missing or unreadable).
 */
final class LonglonglongTaskMapper {

    static final String PROVIDER = "longlonglong";
    static final String ABNORMAL_REASON = "abnormal task: remote task missing, delete and recreate";

    private final String sourceId;
    private final ZoneId zone;

    LonglonglongTaskMapper(String sourceId, ZoneId zone) {
        this.sourceId = sourceId;
        this.zone = zone;
    }

    /** The unified status of a derived native status (the docs' "注意事项" table plus the abnormal rule). */
    static TaskStatus status(String nativeStatus) {
        return switch (nativeStatus) {
            case "enable=true,call_status=true" -> TaskStatus.RUNNING;     // 任务拨打中
            case "enable=false,call_status=false" -> TaskStatus.PAUSED;    // 任务暂停中
            case "enable=true,call_status=false" -> TaskStatus.STOPPED;    // 停止
            case "enable=true,new_task_extra=empty", "enable=false,new_task_extra=empty",
                    "enable=?,new_task_extra=empty" -> TaskStatus.FAILED;  // 异常任务: delete and recreate
            case "enable=false,call_status=true" -> TaskStatus.UNKNOWN;    // the docs' table has no row
            default -> TaskStatus.UNKNOWN;
        };
    }

    /**
     * The label of a derived native status: the docs' own words from their "注意事项" table, so
     * the label always agrees with the status. {@code status_str} cannot serve: the docs' example
     * pairs a task their rule calls paused with "停止" (it stays in {@code raw}).
     */
    static String label(String nativeStatus) {
        return switch (nativeStatus) {
            case "enable=true,call_status=true" -> "任务拨打中";
            case "enable=false,call_status=false" -> "任务暂停中";
            case "enable=true,call_status=false" -> "停止";
            case "enable=true,new_task_extra=empty", "enable=false,new_task_extra=empty",
                    "enable=?,new_task_extra=empty" -> "异常任务";
            default -> null; // a state the docs have no row for
        };
    }

    /** The native status of one item, in the form the class comment describes. */
    static String nativeStatus(JsonNode item) {
        String enable = "enable=" + flag(LenientJson.bool(item, "enable"));
        if (remoteTaskMissing(item)) {
            return enable + ",new_task_extra=empty";
        }
        return enable + ",call_status=" + flag(LenientJson.bool(LenientJson.object(item, "new_task_extra"), "call_status"));
    }

    /**
     * Pause while the task is enabled (dialling, or stopped by its schedule or lines, which it
     * would leave on its own); nothing once paused, and nothing for an abnormal task, whose remote
     * half is gone, or one in a state the docs do not describe.
     */
    static List<TaskAction> actions(TaskStatus status) {
        return status == TaskStatus.RUNNING || status == TaskStatus.STOPPED ? List.of(TaskAction.PAUSE) : List.of();
    }

    /** The task for one item; throws IllegalArgumentException when its {@code uuid} is not UUID-shaped. */
    Task toTask(JsonNode item) {
        String uuid = LenientJson.nonBlank(item, "uuid");
        if (uuid == null || !LonglonglongTaskSource.NATIVE_ID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("Longlonglong task without a UUID");
        }
        String nativeStatus = nativeStatus(item);
        TaskStatus status = status(nativeStatus);
        JsonNode extras = LenientJson.object(item, "task_extras");
        return Task.builder(TaskId.of(sourceId, uuid), PROVIDER, TaskKind.OUTBOUND_CALL)
                .name(LenientJson.nonBlank(item, "name"))
                .description(LenientJson.nonBlank(item, "remark"))
                .status(status)
                .nativeStatus(nativeStatus)
                .nativeStatusLabel(label(nativeStatus))
                .statusReason(reason(status, item))
                .owner(LenientJson.nonBlank(item, "user_id"))
                .createdAt(LenientJson.localDateTime(item, "create_datetime", zone))
                .updatedAt(LenientJson.localDateTime(item, "alter_datetime", zone))
                // The campaign's planned window, not when it ran: the list says nothing about when a
                // task did start or finish, so startedAt/finishedAt stay null. "HH:mm" times of day
                // read as null and stay in raw.
                .schedule(TaskSchedule.of(LenientJson.localDateTime(extras, "start_time", zone),
                        LenientJson.localDateTime(extras, "stop_time", zone)))
                .metrics(metrics(item))
                .actions(actions(status))
                .raw(RawJson.of(item))
                .build();
    }

    private static String reason(TaskStatus status, JsonNode item) {
        if (status == TaskStatus.FAILED) {
            return ABNORMAL_REASON;
        }
        return status == TaskStatus.STOPPED ? causes(item.get("task_cause")) : null;
    }

    /** {@code task_cause} joined with "; ": an array of strings as documented, or one string. */
    static String causes(JsonNode cause) {
        List<String> parts = new ArrayList<>();
        if (cause != null && cause.isString() && !cause.stringValue().isBlank()) {
            parts.add(cause.stringValue().trim());
        } else if (cause != null && cause.isArray()) {
            cause.values().forEach(c -> {
                if (c.isValueNode() && !c.isNull() && !c.asString().isBlank()) {
                    parts.add(c.asString().trim());
                }
            });
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /**
     * True when {@code new_task_extra} is present but empty: null, {@code {}}, {@code []} or "".
     * An absent field is not taken as abnormal: that would be a format change, not a task fault.
     */
    static boolean remoteTaskMissing(JsonNode item) {
        JsonNode remote = item.get("new_task_extra");
        if (remote == null || remote.isMissingNode()) {
            return false;
        }
        return remote.isNull() || (remote.isContainer() && remote.isEmpty())
                || (remote.isString() && (remote.stringValue().isBlank() || remote.stringValue().trim().matches("\\{\\s*}|\\[\\s*]")));
    }

    private static Map<String, Number> metrics(JsonNode item) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        count(metrics, "concurrency", item, "maximumcall");
        Double cps = LenientJson.doubleValue(item, "call_per_second"); // a rate: a fraction is fine
        if (cps != null) {
            metrics.put("callsPerSecond", cps == Math.rint(cps) && Math.abs(cps) < 1e15 ? (Number) cps.longValue() : cps);
        }
        count(metrics, "numberCount", LenientJson.object(item, "new_task_extra"), "number_count");
        return metrics;
    }

    /** A count the provider sends as an int: past the int range (or a fraction) it is left out, never wrapped. */
    private static void count(Map<String, Number> metrics, String name, JsonNode node, String field) {
        Integer value = LenientJson.intValue(node, field);
        if (value != null) {
            metrics.put(name, value);
        }
    }

    private static String flag(Boolean value) {
        return value == null ? "?" : value.toString();
    }
}
