package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamResponse;
import dev.taskgateway.providers.UpstreamText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/** HTTP calls to one TikMatrix local API; returns TikMatrix's own records. */
final class TikmatrixClient {

    static final long OK = 0;
    static final long BAD_PARAMS = 40001;
    static final long PLAN_TOO_LOW = 40301;
    static final long NOT_FOUND = 40401;
    static final long INTERNAL_ERROR = 50001;

    private static final MediaType JSON = MediaType.get("application/json");

    private final SourceSettings settings;
    private final UpstreamHttp http;

    TikmatrixClient(SourceSettings settings, UpstreamHttp http) {
        this.settings = settings;
        this.http = http;
    }

    /**
     * {@code GET /api/v1/task?status&page&page_size} (task-management.md, "List tasks").
     * Page-number paging from 1, {@code page_size} ≤ 100, no promised order.
     */
    TikmatrixListResponse list(Integer status, int page, int pageSize) {
        HttpUrl.Builder url = UpstreamHttp.url(settings, "/api/v1/task").newBuilder()
                .addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("page_size", Integer.toString(pageSize));
        if (status != null) {
            url.addQueryParameter("status", Integer.toString(status));
        }
        JsonNode data = dataOf(get(url.build()), false);
        List<JsonNode> tasks = new ArrayList<>();
        JsonNode items = firstArray(data, "tasks", "list", "items");
        if (items == null && !saysNothing(data)) {
            // A total, or anything else, without one of the item arrays is a shape we do not know
            // (a renamed key): reading it as "no tasks" would hide every task of the PC.
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE,
                    "TikMatrix list has no task array (tasks, list or items)");
        }
        if (items != null) {
            items.forEach(tasks::add);
        }
        return new TikmatrixListResponse(tasks, LenientJson.longValue(data, "total"),
                LenientJson.longValue(data, "page"), LenientJson.longValue(data, "page_size"));
    }

    /** {@code GET /api/v1/task/{task_id}} (task-management.md, "Get task"); empty for 40401. */
    Optional<JsonNode> task(long id) {
        HttpUrl url = UpstreamHttp.url(settings, "/api/v1/task").newBuilder().addPathSegment(Long.toString(id)).build();
        UpstreamResponse response = get(url);
        JsonNode data = dataOf(response, true);
        if (data != null && data.isObject()) {
            return Optional.of(data);
        }
        if (Long.valueOf(NOT_FOUND).equals(LenientJson.longValue(response.jsonObject(), "code"))) {
            return Optional.empty();
        }
        // Code 0 without a task: an answer we do not understand, never "no such task".
        throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "TikMatrix task answer without a task object");
    }

    /** {@code GET /api/v1/task/stats} (task-management.md, "Task statistics"): counts by status. */
    JsonNode stats() {
        JsonNode data = dataOf(get(UpstreamHttp.url(settings, "/api/v1/task/stats")), false);
        if (data == null || !data.isObject()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "TikMatrix stats without data");
        }
        return data;
    }

    /**
     * {@code POST /api/v1/task/{id}/stop} or {@code /retry} (task-management.md). Code 40001 means
     * the task's state forbids it; 40401 that it is gone.
     */
    void action(long id, String verb) {
        HttpUrl url = UpstreamHttp.url(settings, "/api/v1/task").newBuilder().addPathSegment(Long.toString(id))
                .addPathSegment(verb).build();
        send(new Request.Builder().url(url).post(RequestBody.create(new byte[0], JSON)));
    }

    /** {@code DELETE /api/v1/task/{id}} (task-management.md): stops a running task first. */
    void delete(long id) {
        send(new Request.Builder().url(UpstreamHttp.url(settings, "/api/v1/task").newBuilder()
                .addPathSegment(Long.toString(id)).build()).delete());
    }

    /** {@code DELETE /api/v1/task/batch} with the JSON body {@code {"task_ids":[...]}} on a DELETE. */
    void deleteBatch(List<Long> ids) {
        byte[] body = LenientJson.MAPPER.writeValueAsBytes(Map.of("task_ids", ids));
        send(new Request.Builder().url(UpstreamHttp.url(settings, "/api/v1/task/batch")).delete(RequestBody.create(body, JSON)));
    }

    /** {@code POST /api/v1/task/retry-all} (task-management.md): retries every failed task. */
    void retryAll() {
        send(new Request.Builder().url(UpstreamHttp.url(settings, "/api/v1/task/retry-all")).post(RequestBody.create(new byte[0], JSON)));
    }

    /** {@code POST /api/v1/task} (task-management.md, "Create task"): answers the new task ids. */
    List<Long> create(byte[] body) {
        // Not send(): here 40001-40003 mean a bad body, which the provider rejects (no state conflict).
        JsonNode data = dataOf(http.execute(new Request.Builder().url(UpstreamHttp.url(settings, "/api/v1/task"))
                .header("Accept", "application/json").post(RequestBody.create(body, JSON)).build()), false);
        List<Long> ids = new ArrayList<>();
        JsonNode taskIds = data == null ? null : data.get("task_ids");
        if (taskIds == null || !taskIds.isArray()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "TikMatrix create answer has no task_ids");
        }
        taskIds.forEach(n -> ids.add(n.asLong()));
        return ids;
    }

    /** Sends an action; 40001 becomes a conflict and 40401 "not found", other codes as for reads. */
    private JsonNode send(Request.Builder request) {
        UpstreamResponse response = http.execute(request.header("Accept", "application/json").build());
        JsonNode body = response.jsonObject();
        Long code = LenientJson.longValue(body, "code");
        String message = UpstreamText.summarize(LenientJson.text(body, "message"), List.of());
        if (code != null && code == BAD_PARAMS) {
            throw new ActionConflictException("TikMatrix refused: " + message);
        }
        if (code != null && code == NOT_FOUND) {
            throw new NotFound();
        }
        return dataOf(response, false);
    }

    /** TikMatrix answered 40401 to an action. */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    private UpstreamResponse get(HttpUrl url) {
        return http.execute(new Request.Builder().url(url).get().header("Accept", "application/json").build());
    }

    /**
     * Checks the envelope and returns {@code data}. TikMatrix answers HTTP 200 for every code but
     * 40401 (HTTP 404); the body's {@code code} decides.
     */
    static JsonNode dataOf(UpstreamResponse response, boolean notFoundIsEmpty) {
        JsonNode body = response.jsonObject();
        Long code = LenientJson.longValue(body, "code");
        if (code == null) {
            // No TikMatrix envelope: a proxy's or server's own error page in JSON. Its HTTP status says
            // what happened (a 503 is the provider unavailable, retried), else it is a bad answer.
            SourceException byStatus = UpstreamHttp.failureForStatus(response);
            throw byStatus != null ? byStatus
                    : new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "TikMatrix answer has no code");
        }
        if (code == OK) {
            return body.get("data");
        }
        if (code == NOT_FOUND && notFoundIsEmpty) {
            return null;
        }
        String message = UpstreamText.summarize(LenientJson.text(body, "message"), List.of());
        if (code == PLAN_TOO_LOW) {
            throw new SourceException(ErrorCode.UPSTREAM_AUTH_FAILED,
                    "TikMatrix license does not allow the API (code 40301): " + message);
        }
        if (code == INTERNAL_ERROR) {
            throw new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "TikMatrix internal error (code 50001)");
        }
        throw new SourceException(ErrorCode.UPSTREAM_REJECTED, "TikMatrix code " + code + ": " + message);
    }

    /** True for a {@code data} that holds nothing at all (null, missing or {@code {}}): an empty page. */
    private static boolean saysNothing(JsonNode data) {
        return data == null || data.isNull() || (data.isObject() && data.isEmpty());
    }

    private static JsonNode firstArray(JsonNode data, String... names) {
        if (data == null || !data.isObject()) {
            return null;
        }
        for (String name : names) {
            JsonNode node = data.get(name);
            if (node != null && node.isArray()) {
                return node;
            }
        }
        return null;
    }
}
