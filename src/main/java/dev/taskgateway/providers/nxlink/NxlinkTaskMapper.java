package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Maps NXLink AI-Agent task objects to {@link Task}s. Pure: same input, same output. */
final class NxlinkTaskMapper {

    static final String PROVIDER = "nxlink";
    static final String INSUFFICIENT_BALANCE = "insufficient balance";

    /**
     * Metric name → {@code statInfo} counter (nxlink-task-list.txt, "Statistics Object"). Orders
     * are the contacts imported into the task; calls are dial attempts, several per order.
     */
    static final Map<String, String> METRICS = metrics();

    private final String sourceId;

    NxlinkTaskMapper(String sourceId) {
        this.sourceId = sourceId;
    }

    /** The unified status of a native {@code taskStatus} (DESIGN §4). */
    static TaskStatus status(Long nativeStatus) {
        if (nativeStatus == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (nativeStatus.intValue() == nativeStatus ? nativeStatus.intValue() : -1) {
            case 1 -> TaskStatus.PENDING;     // Ready
            case 2 -> TaskStatus.RUNNING;     // In progress
            case 3 -> TaskStatus.SUCCEEDED;   // Completed
            case 4 -> TaskStatus.FAILED;      // Failed
            case 5 -> TaskStatus.PAUSED;      // Paused
            case 6 -> TaskStatus.PAUSED;      // Paused (insufficient balance)
            default -> TaskStatus.UNKNOWN;
        };
    }

    /** The provider's English label of a native status, or null for values it does not document. */
    static String label(Long nativeStatus) {
        if (nativeStatus == null || nativeStatus < 1 || nativeStatus > 6) {
            return null;
        }
        return List.of("Ready", "In progress", "Completed", "Failed", "Paused", "Paused (insufficient balance)")
                .get(nativeStatus.intValue() - 1);
    }

    /**
     * The native values a unified status stands for: empty when no NXLink task can have it
     * (STOPPED), null when it cannot be said upstream at all (UNKNOWN is "anything else").
     */
    static Set<Integer> nativeStatuses(TaskStatus status) {
        return switch (status) {
            case PENDING -> Set.of(1);
            case RUNNING -> Set.of(2);
            case SUCCEEDED -> Set.of(3);
            case FAILED -> Set.of(4);
            case PAUSED -> Set.of(5, 6);
            case STOPPED -> Set.of();
            case UNKNOWN -> null;
        };
    }

    /** The native id of a task object: {@code taskId}, else the numeric {@code id}, else null. */
    static String nativeId(JsonNode node) {
        String taskId = LenientJson.nonBlank(node, "taskId");
        if (taskId != null) {
            return taskId.trim();
        }
        Long id = LenientJson.longValue(node, "id");
        return id == null ? null : Long.toString(id);
    }

    /** The task for one NXLink object; throws IllegalArgumentException when it has no usable id. */
    Task toTask(JsonNode node) {
        String nativeId = nativeId(node);
        if (nativeId == null) {
            throw new IllegalArgumentException("NXLink task without taskId or id");
        }
        Long nativeStatus = LenientJson.longValue(node, "taskStatus");
        TaskStatus status = status(nativeStatus);
        JsonNode stats = LenientJson.object(node, "statInfo");
        Long owner = LenientJson.longValue(node, "saasUserId");
        return Task.builder(TaskId.of(sourceId, nativeId), PROVIDER, TaskKind.OUTBOUND_CALL)
                .name(LenientJson.nonBlank(node, "taskName"))
                .description(LenientJson.nonBlank(node, "taskDesc"))
                .status(status)
                .nativeStatus(nativeStatus == null ? LenientJson.text(node, "taskStatus") : Long.toString(nativeStatus))
                .nativeStatusLabel(label(nativeStatus))
                .statusReason(statusReason(nativeStatus, node))
                .progress(progress(stats))
                .owner(owner == null ? LenientJson.nonBlank(node, "saasUserId") : Long.toString(owner))
                .createdAt(LenientJson.epochSeconds(node, "createTs"))
                .startedAt(LenientJson.epochSeconds(node, "startupAt"))
                .finishedAt(LenientJson.epochSeconds(node, "shutdownAt"))
                .metrics(metrics(stats))
                .raw(node)
                .build();
    }

    /**
     * 6 says why by itself; 5 may carry a {@code pauseReason}, an integer whose meanings are not
     * documented, so it is shown as a code rather than guessed at.
     */
    private static String statusReason(Long nativeStatus, JsonNode node) {
        if (nativeStatus == null) {
            return null;
        }
        if (nativeStatus == 6) {
            return INSUFFICIENT_BALANCE;
        }
        String pauseReason = LenientJson.nonBlank(node, "pauseReason");
        return nativeStatus == 5 && pauseReason != null ? "pause reason " + pauseReason.trim() : null;
    }

    /** {@code statInfo.dialProgress} ("12.5", "12.5%" or null) as a percent clamped to 0..100. */
    static Double progress(JsonNode stats) {
        Double progress = LenientJson.doubleValue(stats, "dialProgress");
        return progress == null ? null : Math.max(0, Math.min(100, progress));
    }

    private static Map<String, Number> metrics(JsonNode stats) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        METRICS.forEach((metric, field) -> {
            Long value = LenientJson.longValue(stats, field);
            if (value != null) {
                metrics.put(metric, value);
            }
        });
        return metrics;
    }

    private static Map<String, String> metrics() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("totalOrders", "totalOrderCount");        // contacts imported into the task
        names.put("dialedOrders", "dialedOrderCount");      // contacts called at least once
        names.put("answeredOrders", "answerOrderCount");    // contacts that answered, counted when finished
        names.put("finishedOrders", "finishOrderCount");    // contacts done with, counted when finished
        names.put("totalCalls", "totalCallCount");          // call attempts, counted when each ends
        names.put("answeredCalls", "answerCallCount");      // answered call attempts
        return Collections.unmodifiableMap(names);
    }
}
