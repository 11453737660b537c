package dev.taskgateway.demo;

import dev.taskgateway.demo.SimulatorServer.Call;
import dev.taskgateway.demo.SimulatorServer.Reply;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Longlonglong's 2.0 task API ({@code /agent-api/new/user/{user_id}/…}) for one main account over
 * a seeded data set, as PROVIDER-NOTES §1 and the docs' example describe it: the
 * {@code {code,status,message,meta,data}} envelope, the mixed types of quirk 3, abnormal tasks,
 * every derived state, zone-less Asia/Shanghai times and several sub-accounts.
 *
 * <p>What the docs leave open is assumed here and said so: errors reuse the envelope
 * ({@code {code:401,status:"error",message:"Unauthenticated."}} with HTTP 401; 403 for another
 * main account; 404 for an unknown task or route); {@code per_page} is capped at
 * {@value #MAX_PER_PAGE} without a word, and {@code meta.per_page} echoes the request's string,
 * or the int cap when it applied (PHP's {@code min("100", 50)} gives an int, {@code min("15", 50)}
 * the string); {@code name} is a case-insensitive substring match (MySQL {@code LIKE} under a
 * {@code _ci} collation); the list comes oldest first, not newest first.
 */
public final class LonglonglongSimulator implements SimulatorServer.Handler {

    /** Demo-only credentials the demo profile's {@code llcall} source uses; not real. */
    public static final String DEMO_TOKEN = "demo-llcall-token";
    /** Demo-only main account (the docs' example UUID). */
    public static final String DEMO_USER_ID = "5832d184-dd53-42a0-8ace-0bf8d660f4cc";
    /** The zone its wall-clock times are written in. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The silent cap on {@code per_page}. */
    public static final int MAX_PER_PAGE = 50;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern LIST = Pattern.compile("/agent-api/new/user/([^/]+)/subset_task");
    private static final Pattern PAUSE = Pattern.compile("/agent-api/new/user/([^/]+)/task_stop/([^/]+)");
    private static final String[] NAMES = {"回访-VIP客户", "Promo Autumn", "催收提醒", "问卷调研 Survey", "续费通知"};
    private static final String[] CAUSES = {"任务结束时间不能早于当前时间", "任务结束时间不符合", "当前不在拨打时间段内",
        "线路并发不足", "号码已拨完"};

    /** The task states the data set holds; each derived status of DESIGN §4 appears. */
    private enum State { RUNNING, PAUSED, STOPPED, REMOTE_NULL, REMOTE_OBJECT, REMOTE_ARRAY, UNDOCUMENTED }

    private final String token;
    private final String mainUserId;
    private final List<Map<String, Object>> tasks = new ArrayList<>();

    /**
     * A simulator for main account {@code mainUserId} behind {@code token}, holding {@code count}
     * tasks made from {@code seed}, the newest created at {@code newest} (Asia/Shanghai).
     */
    public LonglonglongSimulator(int count, long seed, String token, String mainUserId, LocalDateTime newest) {
        this.token = token;
        this.mainUserId = mainUserId;
        Random random = new Random(seed);
        List<String> subAccounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            subAccounts.add(uuid(random));
        }
        LocalDateTime created = newest;
        State[] states = State.values();
        for (int i = 0; i < count; i++) {
            State state = i < states.length ? states[i] : pick(random);
            tasks.add(task(random, i, created, newest, state, subAccounts.get(random.nextInt(subAccounts.size()))));
            created = created.minusSeconds(60 + random.nextInt(7200));
        }
        Collections.reverse(tasks); // oldest first, as a table scan returns them: the gateway must sort
    }

    /** How many tasks it holds. */
    public synchronized int size() {
        return tasks.size();
    }

    @Override
    public synchronized Reply handle(Call call) {
        if (!("Bearer " + token).equals(call.header("Authorization"))) {
            return error(401, 401, "Unauthenticated.");
        }
        Matcher list = LIST.matcher(call.path());
        Matcher pause = PAUSE.matcher(call.path());
        String account = list.matches() ? list.group(1) : pause.matches() ? pause.group(1) : null;
        if (account == null) {
            return error(404, 404, "Not Found");
        }
        if (!account.equals(mainUserId)) {
            return error(403, 403, "无权访问该账号");
        }
        if (list.matches()) {
            return call.method().equals("GET") ? list(call) : error(405, 405, "Method Not Allowed");
        }
        return call.method().equals("PUT") ? pause(pause.group(2), call.param("sub_user_id"))
                : error(405, 405, "Method Not Allowed");
    }

    private Reply list(Call call) {
        int page = Math.max(1, intParam(call.param("page"), 1));
        String askedPerPage = call.param("per_page") == null ? "15" : call.param("per_page");
        int asked = Math.max(1, intParam(askedPerPage, 15));
        int perPage = Math.min(asked, MAX_PER_PAGE);
        String name = call.param("name");
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> task : tasks) {
            if (name == null || name.isEmpty() || String.valueOf(task.get("name")).toLowerCase(Locale.ROOT)
                    .contains(name.toLowerCase(Locale.ROOT))) {
                matching.add(task);
            }
        }
        int lastPage = Math.max(1, (matching.size() + perPage - 1) / perPage);
        int from = (int) Math.min((long) (page - 1) * perPage, matching.size());
        int to = Math.min(from + perPage, matching.size());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("has_pages", page != 1 || page < lastPage);
        meta.put("total", matching.size());
        meta.put("last_page", lastPage);
        meta.put("current_page", page);
        meta.put("per_page", asked > MAX_PER_PAGE ? (Object) MAX_PER_PAGE : askedPerPage);
        Map<String, Object> body = envelope(200, "success", "返回所有子账号的任务列表信息成功");
        body.put("meta", meta);
        body.put("data", new ArrayList<>(matching.subList(from, to)));
        return Reply.json(200, body);
    }

    /** The 2.0 pause: the task must be found under {@code sub_user_id} (or the main account without it). */
    private Reply pause(String uuid, String subUserId) {
        String owner = subUserId == null || subUserId.isEmpty() ? mainUserId : subUserId;
        Map<String, Object> task = tasks.stream()
                .filter(t -> t.get("uuid").equals(uuid) && t.get("user_id").equals(owner))
                .findFirst().orElse(null);
        if (task == null) {
            return error(404, 404, "任务不存在");
        }
        if (!(task.get("new_task_extra") instanceof Map<?, ?> remote) || remote.isEmpty()) {
            return error(200, 422, "远程任务不存在，请删除后重新创建");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> extra = (Map<String, Object>) remote;
        extra.put("enable", false);
        extra.put("call_status", false);
        task.put("enable", false);
        task.put("start", 0);
        task.put("call_status", false);
        task.put("status", 1);
        task.put("status_str", "暂停中");
        task.put("task_cause", List.of());
        task.put("alter_datetime", LocalDateTime.now(ZONE).format(TIME));
        Map<String, Object> body = envelope(200, "success", "任务暂停成功");
        body.put("data", List.of());
        return Reply.json(200, body);
    }

    private static State pick(Random random) {
        int roll = random.nextInt(100);
        return roll < 35 ? State.RUNNING : roll < 65 ? State.PAUSED : roll < 85 ? State.STOPPED
                : roll < 88 ? State.REMOTE_NULL : roll < 91 ? State.REMOTE_OBJECT : roll < 94 ? State.REMOTE_ARRAY
                : State.UNDOCUMENTED;
    }

    private static Map<String, Object> task(Random random, int n, LocalDateTime created, LocalDateTime newest,
                                            State state, String owner) {
        boolean enable = switch (state) {
            case RUNNING, STOPPED -> true;
            case PAUSED, UNDOCUMENTED -> false;
            default -> random.nextBoolean();
        };
        boolean callStatus = state == State.RUNNING || state == State.UNDOCUMENTED;
        // A quarter of the paused tasks look like the docs' own example: "停止" and a top-level call_status true.
        boolean docsLike = state == State.PAUSED && random.nextInt(4) == 0;
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("uuid", uuid(random));
        t.put("name", NAMES[random.nextInt(NAMES.length)] + " " + (n + 1));
        t.put("create_datetime", created.format(TIME));
        LocalDateTime altered = created.plusMinutes(random.nextInt(600));
        t.put("alter_datetime", (altered.isAfter(newest) ? newest : altered).format(TIME));
        t.put("start", enable ? 1 : 0);                      // an int beside the boolean enable
        t.put("enable", enable);
        t.put("maximumcall", 5 + random.nextInt(60));
        t.put("call_per_second", 1 + random.nextInt(20));
        t.put("recycle_limit", 0);
        t.put("dial_time_id", 90 + random.nextInt(10));
        t.put("destination_extension", String.valueOf(101 + random.nextInt(5)));   // a string in the list
        t.put("dial_format", "user/0000");
        t.put("remark", random.nextInt(3) == 0 ? "第" + (n + 1) + "批名单" : null);
        t.put("sort", random.nextInt(10));
        t.put("originate_variables", "{execute_on_media=start_da}");              // not JSON
        t.put("_originate_timeout", 60);
        t.put("_origination_caller_id_number", "20101");
        t.put("user_id", owner);
        t.put("is_test", false);
        t.put("is_top", random.nextInt(5) == 0 ? 1 : 0);
        t.put("task_type", random.nextBoolean() ? 6 : 7);
        t.put("restart_at", null);
        t.put("task_extras", extras(random, created));
        t.put("status_str", docsLike ? "停止" : label(state));
        t.put("call_status", docsLike || callStatus);
        t.put("task_cause", state == State.STOPPED || docsLike ? causes(random) : List.of());
        t.put("new_task_extra", remote(random, state, enable, callStatus));
        t.put("caller_line", null);
        t.put("auto_recycle_rule", null);
        t.put("group", Map.of("id", 100 + random.nextInt(3), "name", "默认分组", "default", random.nextBoolean()));
        t.put("llm_intention_config", null);
        t.put("status", state == State.RUNNING ? 2 : state == State.STOPPED ? 3 : 1);
        return t;
    }

    /** A random (version 4) UUID from the seeded generator. */
    private static String uuid(Random random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    private static String label(State state) {
        return switch (state) {
            case RUNNING -> "拨打中";
            case STOPPED -> "停止";
            case PAUSED, UNDOCUMENTED -> "暂停中";
            default -> "异常任务";
        };
    }

    private static List<String> causes(Random random) {
        int first = random.nextInt(CAUSES.length);
        return random.nextBoolean() ? List.of(CAUSES[first])
                : List.of(CAUSES[first], CAUSES[(first + 1) % CAUSES.length]);
    }

    /** {@code task_extras}: lines as {@code {id,limit}} objects, {@code wday} as ints; times may be "HH:mm". */
    private static Map<String, Object> extras(Random random, LocalDateTime created) {
        boolean timesOfDay = random.nextInt(5) == 0;
        LocalDateTime start = created.plusHours(1);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("line", List.of(Map.of("id", 1 + random.nextInt(30), "limit", 1 + random.nextInt(10))));
        e.put("stop_time", timesOfDay ? "18:00" : start.plusDays(30 + random.nextInt(300)).format(TIME));
        e.put("work_hour", List.of(Map.of("end", "12:00", "wday", 0, "begin", "09:00"),
                Map.of("end", "18:00", "wday", 1, "begin", "13:00")));
        e.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
        e.put("start_time", timesOfDay ? "09:00" : start.format(TIME));
        return e;
    }

    /** {@code new_task_extra}: null, {} or [] for an abnormal task; lines as strings, {@code wday} as strings. */
    private static Object remote(Random random, State state, boolean enable, boolean callStatus) {
        switch (state) {
            case REMOTE_NULL:
                return null;
            case REMOTE_OBJECT:
                return Map.of();
            case REMOTE_ARRAY:
                return List.of();
            default:
                break;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "远程任务");
        r.put("enable", enable);
        r.put("line", List.of("line-" + random.nextInt(30)));
        r.put("limit", 1 + random.nextInt(10));
        r.put("cps", 1 + random.nextInt(5));
        r.put("work_hour", List.of(Map.of("wday", "-1", "begin", "09:00", "end", "18:00")));
        r.put("redial_conditions", Collections.singletonMap("hangup_cause", null));
        r.put("call_status", callStatus);
        r.put("number_count", random.nextInt(5000));
        r.put("call_info", List.of());
        return r;
    }

    private static Map<String, Object> envelope(int code, String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("status", status);
        body.put("message", message);
        return body;
    }

    private static Reply error(int httpStatus, int code, String message) {
        return Reply.json(httpStatus, envelope(code, "error", message));
    }

    private static int intParam(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
