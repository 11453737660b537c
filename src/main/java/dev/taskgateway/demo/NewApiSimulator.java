package dev.taskgateway.demo;

import dev.taskgateway.demo.SimulatorServer.Call;
import dev.taskgateway.demo.SimulatorServer.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * new-api's task center over a seeded data set, as PROVIDER-NOTES §3 describes the real service:
 * {@code GET /api/task/self} (any user) and {@code GET /api/task/} (admin), {@code ORDER BY id DESC},
 * filters {@code status platform action task_id start_timestamp end_timestamp} (the times on
 * {@code submit_time}, inclusive, 0 = unset), the auth answers of {@code middleware/auth.go} (some
 * HTTP 200 with {@code success:false}, some 401), gzip when asked, and optionally the global
 * per-IP rate limit (HTTP 429, empty body). Either response shape: {@link Shape#CURRENT}
 * ({@code data:{items,total,page,page_size}}, {@code p} from 1, {@code page_size} default 10,
 * clamped to 100) or {@link Shape#LEGACY} ({@code data:[...]}, {@code p} from 0, ten per page).
 */
public final class NewApiSimulator implements SimulatorServer.Handler {

    /** Demo-only access token of user {@value #USER_ID}, a common user; known to this simulator only. */
    public static final String USER_TOKEN = "demo-newapi-user-token";
    /** The common user's id. */
    public static final int USER_ID = 1;
    /** Demo-only access token of user {@value #ADMIN_ID}, an admin (role 10). */
    public static final String ADMIN_TOKEN = "demo-newapi-admin-token";
    /** The admin's id. */
    public static final int ADMIN_ID = 2;
    /** Demo-only access token of user {@value #BANNED_ID}, who is banned. */
    public static final String BANNED_TOKEN = "demo-newapi-banned-token";
    /** The banned user's id. */
    public static final int BANNED_ID = 3;

    /** The list envelope and paging the simulated build uses. */
    public enum Shape {
        /** Current builds: {@code data:{items,total,page,page_size}}, {@code p} from 1. */
        CURRENT,
        /** Builds up to 2025-04: {@code data:[...]}, {@code p} from 0, ten per page, no total. */
        LEGACY
    }

    private record User(int id, String username, int role, boolean banned) {
    }

    private static final int ROLE_COMMON = 1;
    private static final int ROLE_ADMIN = 10;
    private static final int ITEMS_PER_PAGE = 10;
    private static final int MAX_PAGE_SIZE = 100;
    private static final String[] STATUSES = {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS",
        "FAILURE", "FAILURE", "IN_PROGRESS", "IN_PROGRESS", "QUEUED", "SUBMITTED", "NOT_START", "UNKNOWN", ""};
    private static final String[] VIDEO_PLATFORMS = {"50", "51", "52", "54", "55", "24", "41"};
    private static final String[] VIDEO_ACTIONS = {"generate", "textGenerate", "firstTailGenerate",
        "referenceGenerate", "remixGenerate"};
    private static final String[] PROMPTS = {"a calm piano piece about rain", "upbeat synth-pop about summer",
        "a red fox running through fresh snow", "city skyline at dusk, slow pan", "lofi beats for studying",
        "a paper boat drifting down a stream", "orchestral trailer music", "a cat astronaut waving"};
    private static final String[] FAIL_REASONS = {"task timed out upstream", "content policy violation",
        "渠道余额不足", "upstream returned 500 while polling"};
    private static final int[] OWNERS = {USER_ID, USER_ID, USER_ID, USER_ID, USER_ID, USER_ID, USER_ID, 4, 5, ADMIN_ID};
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Shape shape;
    private final Clock clock;
    private final Random random;
    private final Map<String, User> usersByToken = new LinkedHashMap<>();
    private final Map<Integer, User> usersById = new LinkedHashMap<>();
    private final List<NewApiSimulatorTask> tasks = new ArrayList<>(); // ascending id, as inserted
    private final ArrayDeque<Long> recentRequests = new ArrayDeque<>();
    private int rateLimitRequests;
    private long rateLimitSeconds;

    /** {@code count} tasks made from {@code seed}, the newest submitted at {@code newest}; "now" is the system clock. */
    public NewApiSimulator(int count, long seed, Instant newest, Shape shape) {
        this(count, seed, newest, shape, Clock.systemUTC());
    }

    /** {@code count} tasks made from {@code seed}, the newest submitted at {@code newest}; "now" is {@code clock}. */
    public NewApiSimulator(int count, long seed, Instant newest, Shape shape, Clock clock) {
        this.shape = shape;
        this.clock = clock;
        this.random = new Random(seed);
        addUser(new User(USER_ID, "demo", ROLE_COMMON, false), USER_TOKEN);
        addUser(new User(ADMIN_ID, "admin", ROLE_ADMIN, false), ADMIN_TOKEN);
        addUser(new User(BANNED_ID, "banned", ROLE_COMMON, true), BANNED_TOKEN);
        addUser(new User(4, "alice", ROLE_COMMON, false), "demo-newapi-alice-token");
        addUser(new User(5, "bob", ROLE_COMMON, false), "demo-newapi-bob-token");
        // Rows are inserted in id order, so created_at never decreases with id.
        long[] created = new long[count];
        long second = newest.getEpochSecond();
        for (int i = 0; i < count; i++) {
            created[i] = second;
            second -= random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(900); // some share a second
        }
        for (int i = count - 1; i >= 0; i--) {
            insert(created[i], OWNERS[random.nextInt(OWNERS.length)], STATUSES[random.nextInt(STATUSES.length)]);
        }
    }

    /**
     * Switches on new-api's global API rate limit: at most {@code requests} per {@code window} (the
     * real default is 180 per 180 s per client IP; every client of a loopback simulator has the same
     * IP, so one window serves all). Zero requests switches it off, the default.
     */
    public synchronized NewApiSimulator rateLimit(int requests, Duration window) {
        this.rateLimitRequests = requests;
        this.rateLimitSeconds = window.toSeconds();
        this.recentRequests.clear();
        return this;
    }

    /**
     * Adds {@code count} new tasks of user {@value #USER_ID} inserted now (created_at now, submit_time
     * up to a minute earlier), at the head of the list; their task_ids.
     */
    public synchronized List<String> addNow(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(insert(clock.instant().getEpochSecond(), USER_ID, "NOT_START").taskId());
        }
        return ids;
    }

    /** The task_ids a user's {@code /api/task/self} lists (or every task for null), newest (highest id) first. */
    public synchronized List<String> taskIds(Integer userId) {
        List<String> ids = new ArrayList<>();
        for (int i = tasks.size() - 1; i >= 0; i--) {
            if (userId == null || tasks.get(i).userId() == userId) {
                ids.add(tasks.get(i).taskId());
            }
        }
        return ids;
    }

    @Override
    public synchronized Reply handle(Call call) {
        if (call.path().startsWith("/api/") && rateLimited()) {
            return Reply.empty(429);
        }
        Reply reply = route(call);
        String accept = call.header("Accept-Encoding");
        return accept != null && accept.contains("gzip") && reply.body().length > 0 ? gzip(reply) : reply;
    }

    private Reply route(Call call) {
        if (!call.method().equals("GET")) {
            return notFound();
        }
        return switch (call.path()) {
            case "/api/task/self" -> authenticated(call, ROLE_COMMON, user -> list(call, user, true));
            case "/api/task/" -> authenticated(call, ROLE_ADMIN, user -> list(call, user, false));
            case "/api/task" -> new Reply(301, new byte[0], Map.of("Location", "/api/task/"));
            default -> notFound();
        };
    }

    /** middleware/auth.go authHelper with an access token, in its order and with its answers. */
    private Reply authenticated(Call call, int minRole, Function<User, Reply> next) {
        String authorization = call.header("Authorization");
        if (authorization == null || authorization.isEmpty()) {
            return refusal(401, "无权进行此操作，未登录且未提供 access token");
        }
        int bearer = authorization.indexOf("Bearer ");
        String token = bearer < 0 ? authorization : authorization.substring(0, bearer) + authorization.substring(bearer + 7);
        User user = usersByToken.get(token);
        if (user == null) {
            return refusal(200, "无权进行此操作，access token 无效");
        }
        String claimed = call.header("New-Api-User");
        if (claimed == null || claimed.isEmpty()) {
            return refusal(401, "无权进行此操作，未提供 New-Api-User");
        }
        int claimedId;
        try {
            claimedId = Integer.parseInt(claimed);
        } catch (NumberFormatException e) {
            return refusal(401, "无权进行此操作，New-Api-User 格式错误");
        }
        if (claimedId != user.id()) {
            return refusal(401, "无权进行此操作，New-Api-User 与登录用户不匹配");
        }
        if (user.banned()) {
            return refusal(200, "用户已被封禁");
        }
        if (user.role() < minRole) {
            return refusal(200, "无权进行此操作，权限不足");
        }
        return next.apply(user);
    }

    /** controller/task.go GetUserTask / GetAllTask over the model's filters and ORDER BY id DESC. */
    private Reply list(Call call, User user, boolean self) {
        boolean legacy = shape == Shape.LEGACY;
        int page = legacy ? Math.max(0, intParam(call.param("p"))) : Math.max(1, intParam(call.param("p")));
        int size = legacy ? ITEMS_PER_PAGE : pageSize(call);
        long offset = legacy ? (long) page * size : (long) (page - 1) * size;
        NewApiSimulatorTask.Filter filter = new NewApiSimulatorTask.Filter(self ? user.id() : 0,
                text(call.param("status")), text(call.param("platform")), text(call.param("action")),
                text(call.param("task_id")), self || legacy ? "" : text(call.param("channel_id")),
                longParam(call.param("start_timestamp")), longParam(call.param("end_timestamp")));
        List<Map<String, Object>> items = new ArrayList<>();
        long total = 0;
        for (int i = tasks.size() - 1; i >= 0; i--) {
            NewApiSimulatorTask task = tasks.get(i);
            if (!task.matches(filter)) {
                continue;
            }
            if (total >= offset && items.size() < size) {
                items.add(task.toJson(self, legacy, self ? null : username(task.userId())));
            }
            total++;
        }
        if (legacy) {
            return success(items);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("page", page);
        data.put("page_size", size);
        data.put("total", total);
        data.put("items", items);
        return success(data);
    }

    /** common.GetPageQuery: page_size, else ps, else size; default 10, at most 100. */
    private static int pageSize(Call call) {
        String value = text(call.param("page_size"));
        value = value.isEmpty() ? text(call.param("ps")) : value;
        value = value.isEmpty() ? text(call.param("size")) : value;
        int size = intParam(value);
        return size <= 0 ? ITEMS_PER_PAGE : Math.min(size, MAX_PAGE_SIZE);
    }

    /** middleware.GlobalAPIRateLimit with the in-memory limiter: a log of the last N request times. */
    private boolean rateLimited() {
        if (rateLimitRequests <= 0) {
            return false;
        }
        long now = clock.instant().getEpochSecond();
        if (recentRequests.size() < rateLimitRequests) {
            recentRequests.addLast(now);
            return false;
        }
        if (now - recentRequests.peekFirst() >= rateLimitSeconds) {
            recentRequests.pollFirst();
            recentRequests.addLast(now);
            return false;
        }
        return true;
    }

    /**
     * A task as new-api stores it after the poller has seen it in {@code status}, its row inserted
     * at {@code created}. submit_time is stamped before the upstream submit call and the row is
     * inserted after it answers (model/task.go InitTask, the relay's submit flow): a few seconds
     * for Suno, up to a minute for a video platform. So submit_time ≤ created_at, and submit order
     * can disagree with id order.
     */
    private NewApiSimulatorTask insert(long created, int userId, String status) {
        boolean suno = random.nextInt(5) < 2;
        String platform = suno ? "suno" : random.nextInt(20) == 0 ? (random.nextBoolean() ? "77" : "kling")
                : VIDEO_PLATFORMS[random.nextInt(VIDEO_PLATFORMS.length)];
        String action = suno ? (random.nextInt(4) == 0 ? "LYRICS" : "MUSIC") : VIDEO_ACTIONS[random.nextInt(VIDEO_ACTIONS.length)];
        NewApiSimulatorTask task = new NewApiSimulatorTask(tasks.size() + 1L, taskId(), platform, action, userId,
                1 + random.nextInt(8), 1000 + random.nextInt(500_000), PROMPTS[random.nextInt(PROMPTS.length)]);
        long started = created + 1 + random.nextInt(30);
        long finished = started + 30 + random.nextInt(600);
        task.state(status, created - random.nextInt(suno ? 4 : 61), created);
        switch (status) {
            case "SUBMITTED" -> task.progress("10%");
            case "QUEUED" -> task.progress("20%");
            case "IN_PROGRESS" -> task.started(started, (21 + random.nextInt(78)) + "%");
            case "SUCCESS" -> task.finished(started, finished, null);
            case "FAILURE" -> task.finished(started, finished, FAIL_REASONS[random.nextInt(FAIL_REASONS.length)]);
            case "UNKNOWN" -> task.progress(random.nextBoolean() ? "" : "排队中");
            default -> task.progress("0%");
        }
        tasks.add(task);
        return task;
    }

    private String taskId() {
        char[] id = new char[32];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return "task_" + new String(id);
    }

    private String username(int id) {
        User user = usersById.get(id);
        return user == null ? null : user.username();
    }

    private void addUser(User user, String token) {
        usersByToken.put(token, user);
        usersById.put(user.id(), user);
    }

    private static Reply success(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", "");
        body.put("data", data);
        return Reply.json(200, body);
    }

    private static Reply refusal(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        return Reply.json(status, body);
    }

    private static Reply notFound() {
        return new Reply(404, "404 page not found".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "text/plain"));
    }

    /** gin-contrib/gzip, which new-api puts in front of every {@code /api} route. */
    private static Reply gzip(Reply reply) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>(reply.headers());
        headers.put("Content-Encoding", "gzip");
        headers.put("Vary", "Accept-Encoding");
        return new Reply(reply.status(), bytes.toByteArray(), headers);
    }

    /** strconv.Atoi as the controller uses it: anything unreadable is 0. */
    private static int intParam(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long longParam(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
