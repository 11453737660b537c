package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamResponse;
import dev.taskgateway.providers.UpstreamText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;

/**
 * HTTP calls to one new-api instance's task center; returns new-api's own records.
 *
 * <p>No {@code Accept-Encoding} is set here on purpose: OkHttp then asks for gzip itself and
 * decodes it transparently (new-api gzips everything under {@code /api}).
 */
final class NewApiClient {

    /**
     * How new-api's own auth refusals begin (middleware/auth.go, Chinese, Traditional Chinese and
     * English builds; PROVIDER-NOTES §3.5): "无权进行此操作，…" / "Unauthorized, …" for a missing
     * or bad token, New-Api-User errors, a too-low role or invalid user info.
     */
    private static final List<String> AUTH_PREFIXES = List.of("无权进行此操作", "無權進行此操作", "unauthorized");

    /**
     * Phrases only those refusals carry: the banned-user answer, which has no prefix, and the
     * header name. Generic words ("permission", "insufficient", "token") are not enough: a
     * business refusal such as a channel's "insufficient quota" must stay {@code UPSTREAM_REJECTED}.
     */
    private static final List<String> AUTH_PHRASES = List.of("用户已被封禁", "使用者已被封禁", "user has been banned",
            "new-api-user");

    private final SourceSettings settings;
    private final UpstreamHttp http;
    private final NewApiScope scope;
    private final String accessToken;
    private final long userId;

    NewApiClient(SourceSettings settings, UpstreamHttp http, NewApiScope scope, String accessToken, long userId) {
        this.settings = settings;
        this.http = http;
        this.scope = scope;
        this.accessToken = accessToken;
        this.userId = userId;
    }

    /**
     * {@code GET /api/task/self} or {@code GET /api/task/} (task-center page, "Get My Tasks" and
     * "Get All Tasks"; parameters and shapes as the code has them, PROVIDER-NOTES §3.2-3.3).
     * Page-number paging, {@code ORDER BY id DESC}: {@code p} from 1 and {@code page_size} up to 100
     * for {@code CURRENT}; {@code p} from 0 and always ten per page for {@code LEGACY}.
     */
    NewApiListResponse list(NewApiListRequest request, NewApiShape pageAs) {
        HttpUrl.Builder url = UpstreamHttp.url(settings, scope.path()).newBuilder()
                .addQueryParameter("p", Integer.toString(pageAs.wirePage(request.page())))
                .addQueryParameter("page_size", Integer.toString(request.pageSize()));
        addIfPresent(url, "status", request.status());
        addIfPresent(url, "task_id", request.taskId());
        addIfPresent(url, "start_timestamp", request.startTimestamp());
        addIfPresent(url, "end_timestamp", request.endTimestamp());
        Request call = new Request.Builder().url(url.build()).get()
                .header("Authorization", "Bearer " + accessToken)
                .header("New-Api-User", Long.toString(userId))
                .header("Accept", "application/json")
                .build();
        return read(http.execute(call), List.of(accessToken));
    }

    /** Reads a list answer in either shape; the shape is whatever {@code data} turns out to be. */
    static NewApiListResponse read(UpstreamResponse response, Collection<String> secrets) {
        JsonNode data = dataOf(response, secrets);
        if (data == null || data.isNull() || data.isMissingNode()) {
            return new NewApiListResponse(null, List.of(), null, null);
        }
        if (data.isArray()) {
            return new NewApiListResponse(NewApiShape.LEGACY, elements(data), null, null);
        }
        if (!data.isObject()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api task list data is neither a list nor a page");
        }
        JsonNode items = data.get("items");
        if (items == null || items.isNull()) {
            // GetAllTasks returns nil when its query fails and the controller still answers
            // success: an outage dressed as an empty list, never to be read as "no tasks".
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE,
                    "new-api task list has no items (items null: its database query failed)");
        }
        if (!items.isArray()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api task list items is not a list");
        }
        return new NewApiListResponse(NewApiShape.CURRENT, elements(items),
                LenientJson.longValue(data, "total"), LenientJson.longValue(data, "page_size"));
    }

    /**
     * Checks status and envelope and returns {@code data}. A refusal counts whatever the HTTP
     * status: new-api answers a bad token, a banned user or a too-low role with HTTP 200 and
     * {@code success:false}.
     */
    static JsonNode dataOf(UpstreamResponse response, Collection<String> secrets) {
        SourceException byStatus = UpstreamHttp.failureForStatus(response);
        if (byStatus != null) {
            String message = messageOf(response);
            throw message == null ? byStatus : new SourceException(byStatus.code(),
                    byStatus.getMessage() + ": " + UpstreamText.summarize(message, secrets),
                    byStatus.retryAfterSeconds(), null);
        }
        JsonNode body = LenientJson.parseObject(response.body());
        Boolean success = LenientJson.bool(body, "success");
        if (success == null) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api answer has no success flag");
        }
        if (success) {
            return body.get("data");
        }
        throw refusal(LenientJson.nonBlank(body, "message"), LenientJson.nonBlank(body, "code"), secrets);
    }

    /** The failure a {@code success:false} answer means: an auth refusal or a rejected request. */
    static SourceException refusal(String message, String code, Collection<String> secrets) {
        String summary = message == null ? "no message" : UpstreamText.summarize(message, secrets);
        if (isAuthRefusal(message, code)) {
            return new SourceException(ErrorCode.UPSTREAM_AUTH_FAILED, "new-api refused the credentials: " + summary);
        }
        return new SourceException(ErrorCode.UPSTREAM_REJECTED, "new-api refused the request: " + summary);
    }

    static boolean isAuthRefusal(String message, String code) {
        if (code != null && code.toUpperCase(Locale.ROOT).startsWith("AUTH_")) {
            return true;
        }
        String text = message == null ? "" : message.strip().toLowerCase(Locale.ROOT);
        return AUTH_PREFIXES.stream().anyMatch(text::startsWith) || AUTH_PHRASES.stream().anyMatch(text::contains);
    }

    /** The {@code message} of a JSON error body, or null when the body is empty or not JSON. */
    private static String messageOf(UpstreamResponse response) {
        try {
            return LenientJson.nonBlank(LenientJson.parseObject(response.body()), "message");
        } catch (SourceException e) {
            return null;
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static void addIfPresent(HttpUrl.Builder url, String name, Object value) {
        if (value != null) {
            url.addQueryParameter(name, value.toString());
        }
    }
}
