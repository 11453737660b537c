package dev.taskgateway.demo;

import dev.taskgateway.demo.SimulatorServer.Call;
import dev.taskgateway.demo.SimulatorServer.Reply;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * TikMatrix's local API ({@code /api/v1/task...}) over a seeded data set, speaking the wire format
 * of PROVIDER-NOTES §4.3a: HTTP 200 with {@code {code,message,data}} for everything but an
 * unknown task (404, code 40401); stop/retry/delete change task state.
 *
 * <p>The list's item key and the task's field names are undocumented, so both can be switched to
 * each reading we know of: {@link #itemsKey} ({@code tasks}, {@code list}, {@code items}) and
 * {@link #fieldNames} (the assumed names, or the desktop UI's).
 */
public final class TikmatrixSimulator implements SimulatorServer.Handler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern TASK_PATH = Pattern.compile("/api/v1/task/([^/]+)(/stop|/retry)?");
    private static final String[] SCRIPTS = {"post", "follow", "unfollow", "account_warmup", "comment"};

    private final ZoneId zone;
    private final TreeMap<Long, Map<String, Object>> tasks = new TreeMap<>();
    private long nextId = 1;
    private String itemsKey = "tasks";
    private FieldNames fieldNames = FieldNames.ASSUMED;

    /** The names a task's fields go under. */
    public enum FieldNames {
        /** PROVIDER-NOTES §4.3a: created_at, started_at, finished_at, script_config (object or string). */
        ASSUMED,
        /**
         * The desktop UI's rows: start_time (a pending task's planned time, else when it started),
         * end_time, script_args (a JSON string); no created_at.
         */
        DESKTOP
    }

    /** Lists the items under {@code key} ({@code tasks} by default; {@code list} and {@code items} are the other readings). */
    public synchronized TikmatrixSimulator itemsKey(String key) {
        this.itemsKey = key;
        return this;
    }

    /** Renders tasks under {@code names} from now on. */
    public synchronized TikmatrixSimulator fieldNames(FieldNames names) {
        this.fieldNames = names;
        return this;
    }

    /** A simulator holding {@code count} tasks made from {@code seed}, times in {@code zone}. */
    public TikmatrixSimulator(int count, long seed, ZoneId zone, LocalDateTime newest) {
        this.zone = zone;
        Random random = new Random(seed);
        LocalDateTime created = newest;
        for (int i = 0; i < count; i++) {
            created = created.minusSeconds(random.nextInt(2400));
            add(random, created, random.nextInt(10) < 6 ? 2 : random.nextInt(4));
        }
    }

    /** The zone its times are written in. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public synchronized Reply handle(Call call) {
        String path = call.path();
        if (path.equals("/api/v1/license/check")) {
            return ok(Map.of("plan_name", "Pro", "api_enabled", true, "device_limit", 100, "message", "ok"));
        }
        if (path.equals("/api/v1/task")) {
            return switch (call.method()) {
                case "GET" -> list(call);
                case "POST" -> create(call);
                default -> Reply.empty(405);
            };
        }
        if (path.equals("/api/v1/task/stats") && call.method().equals("GET")) {
            return stats();
        }
        if (path.equals("/api/v1/task/batch") && call.method().equals("DELETE")) {
            return batchDelete(call);
        }
        if (path.equals("/api/v1/task/retry-all") && call.method().equals("POST")) {
            tasks.values().stream().filter(t -> status(t) == 3).forEach(t -> retry(t));
            return ok(null);
        }
        Matcher m = TASK_PATH.matcher(path);
        if (!m.matches()) {
            return Reply.json(404, Map.of("code", 40401, "message", "no such route"));
        }
        Map<String, Object> task = task(m.group(1));
        if (task == null) {
            return Reply.json(404, Map.of("code", 40401, "message", "task not found"));
        }
        String action = m.group(2) == null ? "" : m.group(2);
        return switch (call.method() + " " + action) {
            case "GET " -> ok(render(task));
            case "DELETE " -> {
                tasks.remove(((Number) task.get("id")).longValue());
                yield ok(null);
            }
            case "POST /stop" -> status(task) == 1 ? update(task, 3, "stopped by user")
                    : error(40001, "task is not running");
            case "POST /retry" -> status(task) == 3 ? ok(render(retry(task))) : error(40001, "task has not failed");
            default -> Reply.empty(405);
        };
    }

    private Reply list(Call call) {
        int page = intParam(call, "page", 1);
        int pageSize = intParam(call, "page_size", 20);
        if (page < 1 || pageSize < 1 || pageSize > 100) {
            return error(40001, "page must be >= 1 and page_size 1..100");
        }
        String status = call.param("status");
        String serial = call.param("serial");
        String script = call.param("script_name");
        List<Map<String, Object>> matching = new ArrayList<>();
        // Oldest first by id, as a SQLite table scan would return them: the gateway must sort.
        for (Map<String, Object> task : tasks.values()) {
            if ((status == null || String.valueOf(status(task)).equals(status))
                    && (serial == null || serial.equals(task.get("serial")))
                    && (script == null || script.equals(task.get("script_name")))) {
                matching.add(render(task));
            }
        }
        int from = Math.min((page - 1) * pageSize, matching.size());
        int to = Math.min(from + pageSize, matching.size());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(itemsKey, matching.subList(from, to));
        data.put("total", matching.size());
        data.put("page", page);
        data.put("page_size", pageSize);
        return ok(data);
    }

    private Reply stats() {
        long[] counts = new long[4];
        tasks.values().forEach(t -> counts[status(t)]++);
        return ok(Map.of("total", tasks.size(), "pending", counts[0], "running", counts[1],
                "completed", counts[2], "failed", counts[3]));
    }

    private Reply create(Call call) {
        JsonNode body;
        try {
            body = SimulatorServer.JSON.readTree(call.body());
        } catch (RuntimeException e) {
            return error(40001, "body is not JSON");
        }
        String script = body.path("script_name").asString("");
        if (script.isEmpty()) {
            return error(40002, "script_name is required");
        }
        if (!List.of(SCRIPTS).contains(script)) {
            return error(40003, "script not supported through the API: " + script);
        }
        if (!body.path("script_config").isObject()) {
            // The vendor marks script_config required (task-management.md, "Create task").
            return error(40001, "script_config is required");
        }
        List<String> targets = new ArrayList<>();
        body.path(body.has("serials") ? "serials" : "usernames").forEach(n -> targets.add(n.asString()));
        if (targets.isEmpty()) {
            return error(40001, "serials or usernames is required");
        }
        List<Long> ids = new ArrayList<>();
        for (String target : targets) {
            Map<String, Object> task = newTask(script, body.has("serials") ? target : "device-" + target.hashCode(),
                    body.has("usernames") ? target : null, LocalDateTime.now(zone), 0);
            task.put("source", "api");
            task.put("script_config", body.path("script_config"));
            if (body.path("start_time").isString()) {
                task.put("planned_time", plannedTime(body.path("start_time").asString()));
            }
            ids.add(((Number) task.get("id")).longValue());
        }
        return ok(Map.of("task_ids", ids, "created_count", ids.size()));
    }

    private Reply batchDelete(Call call) {
        JsonNode body;
        try {
            body = SimulatorServer.JSON.readTree(call.body());
        } catch (RuntimeException e) {
            return error(40001, "body is not JSON");
        }
        int deleted = 0;
        for (JsonNode id : body.path("task_ids")) {
            if (tasks.remove(id.asLong()) != null) {
                deleted++;
            }
        }
        return ok(Map.of("deleted_count", deleted));
    }

    /** Today's (or tomorrow's, once past) local time of a create's "HH:MM" plan. */
    private String plannedTime(String hhmm) {
        LocalDateTime now = LocalDateTime.now(zone);
        try {
            LocalDateTime plan = now.toLocalDate().atTime(LocalTime.parse(hhmm));
            return (plan.isBefore(now) ? plan.plusDays(1) : plan).format(TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A task as the list and detail show it under the current field names. */
    private Map<String, Object> render(Map<String, Object> stored) {
        Map<String, Object> task = new LinkedHashMap<>(stored);
        Object plan = task.remove("planned_time");
        if (fieldNames == FieldNames.ASSUMED) {
            return task;
        }
        task.remove("created_at");
        Object started = task.remove("started_at");
        task.put("start_time", status(stored) == 0 ? plan : started);
        task.put("end_time", task.remove("finished_at"));
        Object config = task.remove("script_config");
        task.put("script_args", config instanceof String text ? text : SimulatorServer.JSON.writeValueAsString(config));
        return task;
    }

    private Map<String, Object> task(String id) {
        try {
            return tasks.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Map<String, Object> retry(Map<String, Object> task) {
        task.put("status", 0);
        task.put("error", null);
        task.put("finished_at", null);
        task.put("retry_count", ((Number) task.get("retry_count")).intValue() + 1);
        return task;
    }

    private Reply update(Map<String, Object> task, int status, String error) {
        task.put("status", status);
        task.put("error", error);
        task.put("finished_at", LocalDateTime.now(zone).format(TIME));
        return ok(null);
    }

    private void add(Random random, LocalDateTime created, int status) {
        String serial = "R58M" + (1000 + random.nextInt(40));
        String username = random.nextBoolean() ? "user_" + random.nextInt(300) : null;
        Map<String, Object> task = newTask(SCRIPTS[random.nextInt(SCRIPTS.length)], serial, username, created, status);
        // Older TikMatrix builds send the status as a string; the gateway must take both.
        if (random.nextInt(5) == 0) {
            task.put("status", String.valueOf(status));
        }
        if (status >= 1) {
            task.put("started_at", created.plusSeconds(5 + random.nextInt(60)).format(TIME));
        }
        if (status >= 2) {
            task.put("finished_at", created.plusSeconds(120 + random.nextInt(900)).format(TIME));
        }
        if (status == 3) {
            task.put("error", random.nextBoolean() ? "device offline" : "upload timed out");
        }
        if (status == 0 && ((Number) task.get("id")).longValue() % 3 == 0) {
            task.put("planned_time", created.plusHours(2).format(TIME)); // created with a start_time
        }
        task.put("script_config", random.nextBoolean()
                ? "{\"captions\":\"{Hi|Hello} there\",\"content_type\":0}" : Map.of("target_users", List.of("a", "b")));
    }

    private Map<String, Object> newTask(String script, String serial, String username, LocalDateTime created,
                                        int status) {
        long id = nextId++;
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", id);
        task.put("serial", serial);
        task.put("username", username);
        task.put("script_name", script);
        task.put("status", status);
        task.put("source", "ui");
        task.put("retry_count", 0);
        task.put("error", null);
        task.put("created_at", created.format(TIME));
        task.put("started_at", null);
        task.put("finished_at", null);
        tasks.put(id, task);
        return task;
    }

    private static int status(Map<String, Object> task) {
        return Integer.parseInt(String.valueOf(task.get("status")));
    }

    private static int intParam(Call call, String name, int fallback) {
        try {
            return call.param(name) == null ? fallback : Integer.parseInt(call.param(name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Reply ok(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", 0);
        body.put("message", "success");
        body.put("data", data);
        return Reply.json(200, body);
    }

    private static Reply error(int code, String message) {
        return Reply.json(200, Map.of("code", code, "message", message));
    }
}
