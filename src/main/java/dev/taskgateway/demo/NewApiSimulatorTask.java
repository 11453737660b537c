package dev.taskgateway.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of the simulated {@code tasks} table ({@code model.Task}), and how the list shows it. */
final class NewApiSimulatorTask {

    private final long id;
    private final String taskId;
    private final String platform;
    private final String action;
    private final int userId;
    private final int channelId;
    private final int quota;
    private final String input;
    private String status = "NOT_START";
    private String progress = "0%";
    private String failReason = "";
    private String resultUrl = "";
    private long createdAt;
    private long updatedAt;
    private long submitTime;
    private long startTime;
    private long finishTime;

    NewApiSimulatorTask(long id, String taskId, String platform, String action, int userId, int channelId,
                        int quota, String input) {
        this.id = id;
        this.taskId = taskId;
        this.platform = platform;
        this.action = action;
        this.userId = userId;
        this.channelId = channelId;
        this.quota = quota;
        this.input = input;
    }

    String taskId() {
        return taskId;
    }

    int userId() {
        return userId;
    }

    /** InitTask stamped {@code submitted} before the upstream call; the row was inserted at {@code created} (GORM's clock). */
    void state(String newStatus, long submitted, long created) {
        status = newStatus;
        submitTime = submitted;
        createdAt = created;
        updatedAt = created;
    }

    void progress(String value) {
        progress = value;
    }

    void started(long when, String value) {
        startTime = when;
        updatedAt = when;
        progress = value;
    }

    /** The poller's last word: SUCCESS with a result, or FAILURE with a reason; progress 100% either way. */
    void finished(long started, long finished, String reason) {
        startTime = started;
        finishTime = finished;
        updatedAt = finished;
        progress = "100%";
        if (reason == null) {
            resultUrl = "https://cdn.example.com/results/" + taskId + (platform.equals("suno") ? ".mp3" : ".mp4");
        } else {
            failReason = reason;
        }
    }

    /**
     * The filters of model/task.go: exact matches where given ("" = unset) and the inclusive
     * {@code submit_time} range (0 = unset).
     */
    record Filter(int userId, String status, String platform, String action, String taskId, String channel,
                  long start, long end) {
    }

    boolean matches(Filter filter) {
        return (filter.userId() == 0 || filter.userId() == userId)
                && same(filter.status(), status) && same(filter.platform(), platform)
                && same(filter.action(), action) && same(filter.taskId(), taskId)
                && (filter.channel().isEmpty() || filter.channel().equals(Integer.toString(channelId)))
                && (filter.start() == 0 || submitTime >= filter.start())
                && (filter.end() == 0 || submitTime <= filter.end());
    }

    /**
     * The JSON of a list item: the user list omits channel_id (it reads 0); the admin list adds the
     * username; legacy builds send the bare model (no group, username or result_url) and keep a
     * successful task's result URL in fail_reason.
     */
    Map<String, Object> toJson(boolean self, boolean legacy, String owner) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("created_at", createdAt);
        json.put("updated_at", updatedAt);
        json.put("task_id", taskId);
        json.put("platform", platform);
        json.put("user_id", userId);
        if (!legacy) {
            json.put("group", "default");
        }
        json.put("channel_id", self ? 0 : channelId);
        json.put("quota", quota);
        json.put("action", action);
        json.put("status", status);
        json.put("fail_reason", legacy && !resultUrl.isEmpty() ? resultUrl : failReason);
        if (!legacy && !resultUrl.isEmpty()) {
            json.put("result_url", resultUrl);
        }
        json.put("submit_time", submitTime);
        json.put("start_time", startTime);
        json.put("finish_time", finishTime);
        json.put("progress", progress);
        json.put("properties", Map.of("input", input));
        if (!legacy && owner != null) {
            json.put("username", owner);
        }
        json.put("data", data());
        return json;
    }

    /** Platform-specific result data: a clip list for Suno, an object or null for video. */
    private Object data() {
        if (!status.equals("SUCCESS")) {
            return null;
        }
        return platform.equals("suno") ? List.of(Map.of("id", taskId + "-1", "audio_url", resultUrl))
                : Map.of("url", resultUrl);
    }

    private static boolean same(String wanted, String value) {
        return wanted.isEmpty() || wanted.equals(value);
    }
}
