package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamResponse;
import dev.taskgateway.providers.UpstreamText;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/** HTTP calls to one Longlonglong main account; returns Longlonglong's own records. */
final class LonglonglongClient {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final long OK = 200;
    private static final long NOT_FOUND = 404;

    private final SourceSettings settings;
    private final UpstreamHttp http;
    private final String token;
    private final String userId;

    LonglonglongClient(SourceSettings settings, UpstreamHttp http, String token, String userId) {
        this.settings = settings;
        this.http = http;
        this.token = token;
        this.userId = userId;
    }

    /**
     * {@code GET /agent-api/new/user/{user_id}/subset_task?page&per_page[&name]}
     * (API接口 "任务列表(所有子账号)", the 2.0 list of every sub-account's tasks). Page-number
     * paging from 1; {@code per_page} has no documented maximum and may be capped silently;
     * no documented order.
     */
    LonglonglongListResponse list(int page, int perPage, String name) {
        HttpUrl.Builder url = accountUrl().addPathSegment("subset_task")
                .addQueryParameter("page", Integer.toString(page))
                .addQueryParameter("per_page", Integer.toString(perPage));
        if (name != null) {
            url.addQueryParameter("name", name);
        }
        JsonNode body = checked(http.execute(request(url.build()).get().build()));
        JsonNode meta = body.get("meta") != null && body.get("meta").isObject() ? body.get("meta") : body;
        return new LonglonglongListResponse(items(body.get("data")), LenientJson.longValue(meta, "total"),
                LenientJson.longValue(meta, "current_page"), LenientJson.longValue(meta, "last_page"),
                LenientJson.longValue(meta, "per_page"), LenientJson.bool(meta, "has_pages"));
    }

    /**
     * {@code PUT /agent-api/new/user/{user_id}/task_stop/{task_id}[?sub_user_id]} (API接口 呼叫任务
     * "任务暂停", 2.0: a PUT with no body; the legacy one is a GET). Sent once, never retried.
     *
     * @return false when the provider says it has no such task
     */
    boolean pause(String taskId, String subUserId) {
        HttpUrl.Builder url = accountUrl().addPathSegment("task_stop").addPathSegment(taskId);
        if (subUserId != null) {
            url.addQueryParameter("sub_user_id", subUserId);
        }
        UpstreamResponse response = http.execute(request(url.build()).put(RequestBody.create(new byte[0], JSON)).build());
        try {
            checked(response);
            return true;
        } catch (SourceException e) {
            if (response.status() == NOT_FOUND || isCode(response, NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    private HttpUrl.Builder accountUrl() {
        return UpstreamHttp.url(settings, "/agent-api/new/user").newBuilder().addPathSegment(userId);
    }

    private Request.Builder request(HttpUrl url) {
        // Content-Type as the docs send it even on GETs; Accept so Laravel answers errors in JSON.
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    /** The body when it says {@code code == 200 && status == "success"}, whatever the HTTP status. */
    JsonNode checked(UpstreamResponse response) {
        JsonNode body = response.jsonObject();
        Long code = LenientJson.longValue(body, "code");
        String status = LenientJson.text(body, "status");
        if (code != null && code == OK && "success".equals(status)) {
            return body;
        }
        throw failure(response, body, code, status);
    }

    /**
     * The error envelope is undocumented; we assume Laravel's habit of an HTTP-like {@code code}
     * and read it together with the HTTP status: either one saying 401/403, 429 or 5xx decides.
     */
    private SourceException failure(UpstreamResponse response, JsonNode body, Long code, String status) {
        if (code == null && status == null) {
            SourceException byStatus = UpstreamHttp.failureForStatus(response);
            return byStatus != null ? byStatus
                    : new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "Longlonglong answer has no code or status");
        }
        int httpStatus = response.status();
        long effective = code == null ? httpStatus : code;
        String message = describe(body, code, status, httpStatus);
        if (either(effective, httpStatus, 401) || either(effective, httpStatus, 403)) {
            return new SourceException(ErrorCode.UPSTREAM_AUTH_FAILED, message);
        }
        if (either(effective, httpStatus, 429)) {
            return new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, message, response.retryAfterSeconds(), null);
        }
        if (effective >= 500 || httpStatus >= 500) {
            return new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, message, response.retryAfterSeconds(), null);
        }
        return new SourceException(ErrorCode.UPSTREAM_REJECTED, message);
    }

    private String describe(JsonNode body, Long code, String status, int httpStatus) {
        List<String> secrets = List.of(token);
        String what = code == null ? "Longlonglong status '" + UpstreamText.summarize(status, secrets)
                + "' (HTTP " + httpStatus + ")"
                : "Longlonglong code " + code + (code == OK ? " with status '"
                + UpstreamText.summarize(status, secrets) + "'" : "") + " (HTTP " + httpStatus + ")";
        String message = UpstreamText.summarize(LenientJson.text(body, "message"), secrets);
        return message == null || message.isEmpty() ? what : what + ": " + message;
    }

    private static boolean either(long code, int httpStatus, int wanted) {
        return code == wanted || httpStatus == wanted;
    }

    private static boolean isCode(UpstreamResponse response, long wanted) {
        try {
            Long code = LenientJson.longValue(LenientJson.parseObject(response.body()), "code");
            return code != null && code == wanted;
        } catch (SourceException e) {
            return false;
        }
    }

    /**
     * The items of {@code data}: an array as documented, or an object's values (a Laravel
     * collection filtered after the query serializes as an object keyed by index).
     */
    private static List<JsonNode> items(JsonNode data) {
        List<JsonNode> items = new ArrayList<>();
        if (data == null || data.isNull()) {
            return items;
        }
        if (!data.isContainer()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "Longlonglong list has no task array");
        }
        data.values().forEach(items::add);
        return items;
    }
}
