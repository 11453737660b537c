package dev.taskgateway.demo;

import dev.taskgateway.demo.SimulatorServer.Call;
import dev.taskgateway.demo.SimulatorServer.Reply;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * NXLink's AI-Agent {@code POST /openapi/aiagent/task/list} for several accounts on one port,
 * as PROVIDER-NOTES §2 describes it: verifies the five signature headers itself (1001 missing,
 * 1002 wrong bizType/action or bad body, 1004 ts outside ±60 s, 1005 unknown accessKey, 1003 bad
 * signature or Content-Type), filters by taskName substring, taskStatus and createStartTs/
 * createEndTs (seconds, inclusive), pages with pageSize ≤ 1000, and always answers HTTP 200.
 */
public final class NxlinkSimulator implements SimulatorServer.Handler {

    /** The one route it serves. */
    public static final String TASK_LIST_PATH = "/openapi/aiagent/task/list";
    private static final long MAX_SKEW_MILLIS = 60_000;
    private static final List<String> REQUIRED_HEADERS = List.of("accessKey", "ts", "bizType", "action", "sign");

    /** One account: its secret and its tasks, in storage order. */
    private record Account(String secret, List<Map<String, Object>> tasks) {
    }

    private final Clock clock;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private long nextId = 1;
    private boolean dataWrapped;
    private DialProgress dialProgress = DialProgress.PERCENT;
    private boolean orderCountsSent = true;

    /**
     * How {@code statInfo.dialProgress} is written: the vendor defines it as dialed / total orders
     * but never shows a value (every example is null), so each plausible form can be served.
     */
    public enum DialProgress {
        /** {@code "12.5"}: a percent without a sign (the default). */
        PERCENT,
        /** {@code "12.5%"}. */
        PERCENT_SIGN,
        /** {@code "0.125"}: the ratio itself. */
        FRACTION
    }

    /** A simulator with no accounts that checks {@code ts} against {@code clock}. */
    public NxlinkSimulator(Clock clock) {
        this.clock = clock;
    }

    /** Adds an account holding {@code count} tasks made from {@code seed}, created up to {@code newest}. */
    public synchronized NxlinkSimulator account(String accessKey, String secret, int count, long seed, Instant newest) {
        long saasUserId = 200 + Math.floorMod(seed, 800);
        List<Map<String, Object>> tasks = new ArrayList<>(NxlinkSimulatorTasks.tasks(count, seed, newest, saasUserId, nextId));
        nextId += count;
        accounts.put(accessKey, new Account(secret, tasks));
        return this;
    }

    /** Adds one task object, as NXLink would send it, to an existing account. */
    public synchronized NxlinkSimulator task(String accessKey, Map<String, Object> task) {
        accounts.get(accessKey).tasks().add(new LinkedHashMap<>(task));
        return this;
    }

    /** True puts the page inside {@code data}, as NXLink's sibling endpoints do; default top level. */
    public synchronized NxlinkSimulator dataWrapped(boolean wrapped) {
        this.dataWrapped = wrapped;
        return this;
    }

    /** Writes {@code dialProgress} in {@code format} from now on. */
    public synchronized NxlinkSimulator dialProgress(DialProgress format) {
        this.dialProgress = format;
        return this;
    }

    /**
     * False leaves {@code dialedOrderCount} and {@code totalOrderCount} out of {@code statInfo}
     * (the page's table lists them; a build without them is the case dialProgress is read for).
     */
    public synchronized NxlinkSimulator orderCountsSent(boolean sent) {
        this.orderCountsSent = sent;
        return this;
    }

    /** The tasks of one account, in the order the list serves them. */
    public synchronized List<Map<String, Object>> tasks(String accessKey) {
        return List.copyOf(accounts.get(accessKey).tasks());
    }

    @Override
    public synchronized Reply handle(Call call) {
        if (!call.path().equals(TASK_LIST_PATH)) {
            return Reply.json(404, Map.of("code", 404, "message", "no such route"));
        }
        if (!call.method().equals("POST")) {
            return Reply.json(405, Map.of("code", 405, "message", "POST only"));
        }
        for (String header : REQUIRED_HEADERS) {
            if (call.header(header) == null || call.header(header).isBlank()) {
                return error(1001, "Authentication failed (missing public parameters: " + header + ")");
            }
        }
        if (!"100".equals(call.header("bizType")) || !"nxai".equals(call.header("action"))) {
            return error(1002, "Authentication failed (parameter error: bizType/action)");
        }
        if (!fresh(call.header("ts"))) {
            return error(1004, "Authentication failed (timestamp expired)");
        }
        Account account = accounts.get(call.header("accessKey"));
        if (account == null) {
            return error(1005, "Authentication failed (insufficient authority)");
        }
        String contentType = call.header("Content-Type");
        if (contentType == null || !contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/json")
                || !call.header("sign").equals(expectedSign(call, account.secret()))) {
            return error(1003, "Authentication failed (invalid signature)");
        }
        return list(call, account);
    }

    private boolean fresh(String ts) {
        try {
            return Math.abs(clock.millis() - Long.parseLong(ts.trim())) <= MAX_SKEW_MILLIS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Recomputes the signature over the body exactly as it arrived; null for an unknown algorithm. */
    private static String expectedSign(Call call, String secret) {
        String algorithm = call.header("algorithm") == null ? "md5" : call.header("algorithm").trim();
        String jca = switch (algorithm) {
            case "md5" -> "MD5";
            case "sha256" -> "SHA-256";
            default -> null;
        };
        if (jca == null) {
            return null;
        }
        String body = call.bodyText();
        String text = "accessKey=" + call.header("accessKey") + "&action=" + call.header("action")
                + "&bizType=" + call.header("bizType") + "&ts=" + call.header("ts")
                + (body.isEmpty() ? "" : "&body=" + body) + "&accessSecret=" + secret;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Reply list(Call call, Account account) {
        JsonNode body;
        try {
            body = SimulatorServer.JSON.readTree(call.body());
        } catch (RuntimeException e) {
            return error(1002, "Authentication failed (parameter error: body is not JSON)");
        }
        if (body == null || !body.isObject()) {
            return error(1002, "Authentication failed (parameter error: pageNumber and pageSize are required)");
        }
        if (!integer(body, "pageNumber") || !integer(body, "pageSize") || !absentOrInteger(body, "taskStatus")
                || !absentOrInteger(body, "createStartTs") || !absentOrInteger(body, "createEndTs")
                || !(absent(body, "taskName") || body.get("taskName").isString())) {
            return error(1002, "Authentication failed (parameter error: field types)");
        }
        long page = body.get("pageNumber").longValue();
        long size = body.get("pageSize").longValue();
        Long status = absent(body, "taskStatus") ? null : body.get("taskStatus").longValue();
        Long from = absent(body, "createStartTs") ? null : body.get("createStartTs").longValue();
        Long to = absent(body, "createEndTs") ? null : body.get("createEndTs").longValue();
        JsonNode name = body.get("taskName");
        if (page < 1 || size < 1 || size > 1000) {
            return error(1002, "Authentication failed (parameter error: pageSize must be 1..1000)");
        }
        String taskName = absent(body, "taskName") ? null : name.stringValue().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> task : account.tasks()) {
            long created = number(task.get("createTs"));
            if ((taskName == null || String.valueOf(task.get("taskName")).toLowerCase(Locale.ROOT).contains(taskName))
                    && (status == null || status == number(task.get("taskStatus")))
                    && (from == null || created >= from) && (to == null || created <= to)) {
                matching.add(task);
            }
        }
        return ok(matching, page, size);
    }

    /** A stored number, or -1 for a task a test stored without one. */
    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static boolean absent(JsonNode body, String field) {
        return body.get(field) == null || body.get(field).isNull();
    }

    private static boolean integer(JsonNode body, String field) {
        return !absent(body, field) && body.get(field).isIntegralNumber();
    }

    /** False for a present field of the wrong type, such as the docs' {@code ""} for a number. */
    private static boolean absentOrInteger(JsonNode body, String field) {
        return absent(body, field) || body.get(field).isIntegralNumber();
    }

    private Reply ok(List<Map<String, Object>> matching, long page, long size) {
        int from = (int) Math.min((page - 1) * size, matching.size());
        int to = (int) Math.min(from + size, matching.size());
        Map<String, Object> pageBody = new LinkedHashMap<>();
        pageBody.put("total", matching.size());
        pageBody.put("pageNumber", page);
        pageBody.put("pageSize", size);
        pageBody.put("list", matching.subList(from, to).stream().map(this::render).toList());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", 0);
        envelope.put("message", "success");
        envelope.put("traceId", UUID.randomUUID().toString());
        if (dataWrapped) {
            envelope.put("data", pageBody);
        } else {
            envelope.putAll(pageBody);
        }
        return Reply.json(200, envelope);
    }

    /** A task as served under the current dialProgress form and counter switch. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> render(Map<String, Object> task) {
        if (dialProgress == DialProgress.PERCENT && orderCountsSent || !(task.get("statInfo") instanceof Map<?, ?>)) {
            return task;
        }
        Map<String, Object> stats = new LinkedHashMap<>((Map<String, Object>) task.get("statInfo"));
        if (stats.get("dialProgress") instanceof String percent && dialProgress != DialProgress.PERCENT) {
            stats.put("dialProgress", dialProgress == DialProgress.PERCENT_SIGN ? percent + "%"
                    : new BigDecimal(percent).movePointLeft(2).toPlainString());
        }
        if (!orderCountsSent) {
            stats.remove("dialedOrderCount");
            stats.remove("totalOrderCount");
        }
        Map<String, Object> copy = new LinkedHashMap<>(task);
        copy.put("statInfo", stats);
        return copy;
    }

    private static Reply error(int code, String message) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", code);
        envelope.put("message", message);
        envelope.put("traceId", UUID.randomUUID().toString());
        return Reply.json(200, envelope);
    }
}
