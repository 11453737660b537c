package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSchedule;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
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
    /** {@code startupType} 2: started at {@code startupAt}, paused at {@code shutdownAt}. */
    static final int SCHEDULED_STARTUP = 2;

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
    static TaskStatus status(Integer nativeStatus) {
        if (nativeStatus == null) {
            return TaskStatus.UNKNOWN;
        }
        return switch (nativeStatus) {
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
    static String label(Integer nativeStatus) {
        if (nativeStatus == null || nativeStatus < 1 || nativeStatus > 6) {
            return null;
        }
        return List.of("Ready", "In progress", "Completed", "Failed", "Paused", "Paused (insufficient balance)")
                .get(nativeStatus - 1);
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
        // Past the int range (or a fraction) the status is unknown, never wrapped into 1-6.
        Integer nativeStatus = LenientJson.intValue(node, "taskStatus");
        TaskStatus status = status(nativeStatus);
        JsonNode stats = LenientJson.object(node, "statInfo");
        Long owner = LenientJson.longValue(node, "saasUserId");
        return Task.builder(TaskId.of(sourceId, nativeId), PROVIDER, TaskKind.OUTBOUND_CALL)
                .name(LenientJson.nonBlank(node, "taskName"))
                .description(LenientJson.nonBlank(node, "taskDesc"))
                .status(status)
                .nativeStatus(nativeStatus == null ? LenientJson.text(node, "taskStatus") : Integer.toString(nativeStatus))
                .nativeStatusLabel(label(nativeStatus))
                .statusReason(statusReason(nativeStatus, node))
                .progress(progress(stats))
                .owner(owner == null ? LenientJson.nonBlank(node, "saasUserId") : Long.toString(owner))
                .createdAt(LenientJson.epochSeconds(node, "createTs"))
                .schedule(schedule(node))
                .metrics(metrics(stats))
                .raw(RawJson.of(node))
                .build();
    }

    /**
     * {@code startupAt} / {@code shutdownAt}: the vendor defines them as the scheduled start and
     * scheduled pause "when startupType = 2", so they are a plan, and only for that type; what
     * they hold for a manual or immediate start is not documented and stays in raw. Neither is a
     * time the task did start or finish, and the list has no such times: startedAt/finishedAt
     * stay null.
     */
    static TaskSchedule schedule(JsonNode node) {
        Integer startupType = LenientJson.intValue(node, "startupType");
        if (startupType == null || startupType != SCHEDULED_STARTUP) {
            return null;
        }
        return TaskSchedule.of(LenientJson.epochSeconds(node, "startupAt"), LenientJson.epochSeconds(node, "shutdownAt"));
    }

    /**
     * 6 says why by itself; 5 may carry a {@code pauseReason}, an integer whose meanings are not
     * documented, so it is shown as a code rather than guessed at.
     */
    private static String statusReason(Integer nativeStatus, JsonNode node) {
        if (nativeStatus == null) {
            return null;
        }
        if (nativeStatus == 6) {
            return INSUFFICIENT_BALANCE;
        }
        String pauseReason = LenientJson.nonBlank(node, "pauseReason");
        return nativeStatus == 5 && pauseReason != null ? "pause reason " + pauseReason.trim() : null;
    }

    /**
     * Percent of the task's contacts dialled at least once: {@code dialedOrderCount /
     * totalOrderCount} to 0.01, the definition the vendor gives for {@code dialProgress}, whenever
     * both counters are there (null for a task without contacts). Only without them is
     * {@code dialProgress} read, whose format the vendor never shows (every example is null):
     * see {@link #dialProgress}.
     */
    static Double progress(JsonNode stats) {
        Integer dialed = LenientJson.intValue(stats, "dialedOrderCount");
        Integer total = LenientJson.intValue(stats, "totalOrderCount");
        if (dialed != null && total != null) {
            // Rounded to 0.01 as a rate string would be: 1 of 3 is 33.33, not 33.333333333333336.
            return total <= 0 || dialed < 0 ? null : Math.min(100.0, Math.round(dialed * 10_000.0 / total) / 100.0);
        }
        return dialProgress(stats);
    }

    /**
     * {@code dialProgress} read every way it may come: {@code "35"} and {@code "35%"} are
     * percents; a plain number in 0..1 without a {@code %} ({@code "0.35"}) is a fraction, since
     * the vendor defines it as a ratio. The one value both readings share, a bare 1, reads as
     * 100 % rather than 1 %: in 0..1, fractions are far likelier than "one percent". Outside
     * 0..100 or unreadable: null.
     */
    static Double dialProgress(JsonNode stats) {
        Double value = LenientJson.doubleValue(stats, "dialProgress");
        if (value == null || value < 0 || value > 100) {
            return null;
        }
        boolean percentSign = LenientJson.text(stats, "dialProgress").trim().endsWith("%");
        return !percentSign && value <= 1 ? value * 100 : value;
    }

    private static Map<String, Number> metrics(JsonNode stats) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        METRICS.forEach((metric, field) -> {
            Integer value = LenientJson.intValue(stats, field); // counters are ints: past that, unknown
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
