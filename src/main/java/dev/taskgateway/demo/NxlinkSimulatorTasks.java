package dev.taskgateway.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Seeded NXLink AI-Agent task objects shaped like the task-list page's example: every native
 * status 1-6 present, {@code statInfo} counters that add up, rates as strings, nulls where
 * NXLink leaves them null.
 */
final class NxlinkSimulatorTasks {

    private static final String[] NAMES = {
        "Renewal reminder", "Payment follow-up", "营销任务", "Survey wave", "Appointment confirmation",
        "Win-back campaign", "回访任务", "Delivery notice", "Pengingat tagihan", "Lead qualification"};
    private static final String[] FLOWS = {"Collections bot", "Survey bot", "Sales assistant", "客服机器人"};
    /** Weights of statuses 1..6 after the first six tasks, which hold one of each. */
    private static final int[] STATUS_WEIGHTS = {10, 20, 35, 10, 15, 10};

    private NxlinkSimulatorTasks() {
    }

    /**
     * {@code count} tasks of one account ({@code saasUserId}), created at or before
     * {@code newest}, in no particular order (as far as anyone knows, NXLink promises none).
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tasks(int count, long seed, Instant newest, long saasUserId, long firstId) {
        Random random = new Random(seed);
        List<Map<String, Object>> tasks = new ArrayList<>();
        long created = newest.getEpochSecond();
        for (int i = 0; i < count; i++) {
            created -= random.nextInt(3600);
            int status = i < 6 ? i + 1 : weightedStatus(random);
            tasks.add(task(random, saasUserId, created, status));
        }
        Collections.shuffle(tasks, random);
        long id = firstId;
        for (Map<String, Object> task : tasks) {
            task.put("id", id);
            ((Map<String, Object>) task.get("statInfo")).put("id", id++);
        }
        return tasks;
    }

    private static int weightedStatus(Random random) {
        int roll = random.nextInt(100);
        for (int s = 0; s < STATUS_WEIGHTS.length; s++) {
            roll -= STATUS_WEIGHTS[s];
            if (roll < 0) {
                return s + 1;
            }
        }
        return 3;
    }

    private static Map<String, Object> task(Random random, long saasUserId, long created, int status) {
        String taskId = new UUID(random.nextLong(), random.nextLong()).toString();
        long flowId = 100 + random.nextInt(FLOWS.length);
        boolean scheduled = random.nextBoolean();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", null);
        task.put("taskId", taskId);
        task.put("saasUserId", saasUserId);
        task.put("userTaskId", random.nextInt(3) == 0 ? "crm-" + random.nextInt(100_000) : "");
        task.put("other", random.nextBoolean() ? "task-batch-" + (20_260_000 + random.nextInt(400)) : "");
        task.put("autoFlowId", flowId);
        task.put("autoFlowName", FLOWS[(int) (flowId - 100)]);
        task.put("taskStatus", status);
        task.put("pauseReason", status == 5 && random.nextBoolean() ? 1 + random.nextInt(3) : null);
        task.put("taskName", NAMES[random.nextInt(NAMES.length)] + " " + (1 + random.nextInt(999)));
        task.put("taskDesc", random.nextInt(4) == 0 ? "" : "Outbound wave for segment " + (char) ('A' + random.nextInt(6)));
        task.put("taskKeep", random.nextInt(2));
        task.put("startupType", scheduled ? 2 : 1 + 2 * random.nextInt(2));
        task.put("startupAt", scheduled ? created + 60 + random.nextInt(7200) : null);
        task.put("shutdownAt", scheduled && status == 3 ? created + 7200 + random.nextInt(36_000) : null);
        task.put("startupBy", scheduled ? "" : "operator" + random.nextInt(20));
        task.put("routeId", "R" + Integer.toString(100_000 + random.nextInt(900_000), 36));
        task.put("maxCall", 5 * (1 + random.nextInt(20)));
        task.put("importType", random.nextInt(2));
        task.put("funcFlag", 0);
        task.put("maxRingTime", 30 + 5 * random.nextInt(7));
        task.put("strategyId", "");
        task.put("agentGroupId", "");
        task.put("taskCallbackUrl", "");
        task.put("createTs", created);
        task.put("statInfo", stats(random, taskId, flowId, created, status));
        task.put("orderMaxCall", random.nextBoolean() ? null : (long) (1 + random.nextInt(3)));
        task.put("replayInterval", random.nextBoolean() ? null : (long) (600 * (1 + random.nextInt(6))));
        return task;
    }

    /** Counters that hold together: answered ≤ finished ≤ dialed ≤ total orders; calls ≥ dialed orders. */
    private static Map<String, Object> stats(Random random, String taskId, long flowId, long created, int status) {
        int total = status == 1 && random.nextBoolean() ? 0 : 50 + random.nextInt(3000);
        int dialed = switch (status) {
            case 1 -> 0;
            case 3 -> total;
            default -> (int) (total * random.nextDouble());
        };
        int finished = status == 3 ? total : (int) (dialed * (0.6 + 0.4 * random.nextDouble()));
        int answeredOrders = (int) (finished * (0.3 + 0.3 * random.nextDouble()));
        int calls = dialed + (int) (dialed * 0.4 * random.nextDouble());
        int answeredCalls = Math.min(calls, answeredOrders + random.nextInt(1 + answeredOrders / 5));
        int elapsed = answeredCalls * (20 + random.nextInt(70));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("id", null);
        stats.put("taskId", taskId);
        stats.put("autoFlowId", flowId);
        stats.put("answerOrderCount", answeredOrders);
        stats.put("finishOrderCount", finished);
        stats.put("totalOrderCount", total);
        stats.put("dialedOrderCount", dialed);
        stats.put("totalCallElapsed", elapsed);
        stats.put("answerCallCount", answeredCalls);
        stats.put("totalCallCount", calls);
        stats.put("manualElapsed", 0);
        stats.put("manualAnswerCount", 0);
        stats.put("manualFailCount", 0);
        stats.put("createTs", created);
        stats.put("answerRate", calls == 0 ? null : percent(answeredCalls, calls, 2));
        // Null now and then even with orders, as the docs' example shows for every rate.
        stats.put("dialProgress", total == 0 || random.nextInt(8) == 0 ? null : percent(dialed, total, 1));
        stats.put("finishRate", total == 0 ? null : percent(finished, total, 2));
        stats.put("manualAnswerRate", null);
        stats.put("avgCallDuration", answeredCalls == 0 ? null : elapsed / answeredCalls);
        stats.put("avgManualDuration", null);
        return stats;
    }

    private static String percent(int part, int whole, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", part * 100.0 / whole);
    }
}
