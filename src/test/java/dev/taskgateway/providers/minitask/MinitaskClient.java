package dev.taskgateway.providers.minitask;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamResponse;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import tools.jackson.databind.JsonNode;

/** Minitask's HTTP API; returns its records, knows nothing of ours. */
final class MinitaskClient {

    private final SourceSettings settings;
    private final UpstreamHttp http;
    private final String token;

    MinitaskClient(SourceSettings settings, UpstreamHttp http, String token) {
        this.settings = settings;
        this.http = http;
        this.token = token;
    }

    /** {@code GET /v1/jobs?page&limit} (package-info): page-number paging from 1, no promised order. */
    MinitaskListResponse list(int page, int limit) {
        Request request = new Request.Builder()
                .url(UpstreamHttp.url(settings, "/v1/jobs").newBuilder()
                        .addQueryParameter("page", Integer.toString(page))
                        .addQueryParameter("limit", Integer.toString(limit)).build())
                .header("Authorization", "Token " + token)
                .get().build();
        UpstreamResponse response = http.execute(request);
        SourceException failure = UpstreamHttp.failureForStatus(response);
        if (failure != null) {
            throw failure;
        }
        JsonNode body = response.jsonObject();
        JsonNode jobs = body.get("jobs");
        if (jobs == null || !jobs.isArray()) {
            // Reading an answer without the array as "no jobs" would hide every job.
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "Minitask list has no jobs array");
        }
        List<JsonNode> items = new ArrayList<>();
        jobs.forEach(items::add);
        return new MinitaskListResponse(items, LenientJson.longValue(body, "total"));
    }
}
