package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamResponse;
import dev.taskgateway.providers.UpstreamText;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import tools.jackson.databind.JsonNode;

/** HTTP calls to one NXLink account; signs each request and returns NXLink's own records. */
final class NxlinkClient {

    static final String TASK_LIST_PATH = "/openapi/aiagent/task/list";
    /** Exactly this, without a charset parameter: the docs name a wrong Content-Type as a cause of 1003. */
    static final MediaType JSON = MediaType.get("application/json");

    static final long OK = 0;
    static final long MISSING_HEADERS = 1001;
    static final long PARAMETER_ERROR = 1002;
    static final long BAD_SIGNATURE = 1003;
    static final long TIMESTAMP_EXPIRED = 1004;
    static final long NO_PERMISSION = 1005;
    static final long BUSINESS_ERROR = 20000;

    /**
     * The auth gateway's codes (DESIGN §7: UPSTREAM_AUTH_FAILED, no retry, no breaker). 1002
     * "parameter error" belongs here too: the provider labels it "Authentication failed", and as
     * the gateway's own body keeps the documented rules (page size is checked at start-up), it
     * means a bad {@code biz-type} or {@code action}, configuration that no retry can fix.
     */
    private static final Map<Long, String> AUTH_PROBLEMS = Map.of(
            MISSING_HEADERS, "missing common headers",
            PARAMETER_ERROR, "parameter error, check biz-type and action",
            BAD_SIGNATURE, "invalid signature, check access-secret",
            TIMESTAMP_EXPIRED, "timestamp expired twice, check this host's clock",
            NO_PERMISSION, "insufficient permission, check access-key and that AI Agent is enabled");

    private final SourceSettings settings;
    private final UpstreamHttp http;
    private final NxlinkSigner signer;
    private final Clock clock;
    private final List<String> secrets;

    /** {@code secrets} are blanked out of any provider text a failure message quotes. */
    NxlinkClient(SourceSettings settings, UpstreamHttp http, NxlinkSigner signer, Clock clock, List<String> secrets) {
        this.settings = settings;
        this.http = http;
        this.signer = signer;
        this.clock = clock;
        this.secrets = List.copyOf(secrets);
    }

    /**
     * {@code POST /openapi/aiagent/task/list} (nxlink-task-list.txt; wiki AI-Agent-Task-List).
     * Page-number paging from 1, {@code pageSize} ≤ 1000; the docs promise no order.
     */
    NxlinkListResponse list(NxlinkListRequest request) {
        return listOf(post(TASK_LIST_PATH, request.toJson()));
    }

    /**
     * Sends {@code body} signed and returns the success envelope. A 1004 (timestamp expired) is
     * re-signed with a fresh {@code ts} and sent exactly once more: the first {@code ts} may have
     * aged in a queue, but a second 1004 means the clocks disagree, which no retry fixes.
     */
    private JsonNode post(String path, String body) {
        UpstreamResponse response = send(path, body);
        JsonNode envelope = envelopeOf(response);
        if (codeOf(envelope) == TIMESTAMP_EXPIRED) {
            response = send(path, body);
            envelope = envelopeOf(response);
        }
        return checked(envelope, response);
    }

    /** One signed POST of exactly these bytes: OkHttp sends a byte array as it is. */
    private UpstreamResponse send(String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Request.Builder request = new Request.Builder().url(UpstreamHttp.url(settings, path))
                .post(RequestBody.create(bytes, JSON))
                .header("Accept", "application/json");
        signer.headers(clock.millis(), body).forEach(request::header);
        return http.execute(request.build());
    }

    /**
     * The parsed body, or the failure it stands for. NXLink's HTTP status is undocumented, so a
     * JSON body with a {@code code} decides; only a body that says nothing falls back on the status.
     */
    private static JsonNode envelopeOf(UpstreamResponse response) {
        JsonNode body = response.jsonObject();
        if (LenientJson.longValue(body, "code") == null) {
            SourceException byStatus = UpstreamHttp.failureForStatus(response);
            throw byStatus != null ? byStatus
                    : new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "NXLink answer has no code");
        }
        return body;
    }

    private static long codeOf(JsonNode envelope) {
        return LenientJson.longValue(envelope, "code");
    }

    /** The envelope when {@code code} is 0; otherwise the failure its code means. */
    private JsonNode checked(JsonNode envelope, UpstreamResponse response) {
        long code = codeOf(envelope);
        if (code == OK) {
            return envelope;
        }
        String message = UpstreamText.summarize(LenientJson.nonBlank(envelope, "message"), secrets);
        String quoted = message == null || message.isBlank() ? "" : ": " + message;
        String auth = AUTH_PROBLEMS.get(code);
        if (auth != null) {
            throw new SourceException(ErrorCode.UPSTREAM_AUTH_FAILED,
                    "NXLink authentication failed, " + auth + " (code " + code + ")" + quoted);
        }
        if (code == BUSINESS_ERROR) {
            throw new SourceException(ErrorCode.UPSTREAM_REJECTED, "NXLink business error (code 20000)" + quoted);
        }
        SourceException byStatus = UpstreamHttp.failureForStatus(response);
        throw byStatus != null ? byStatus
                : new SourceException(ErrorCode.UPSTREAM_REJECTED, "NXLink code " + code + quoted);
    }

    /**
     * The list and paging fields, from the top level or from {@code data}. A missing or null
     * {@code list} is an empty page only when the answer still looks like a page (it has a
     * {@code total} or an explicit {@code list: null}); anything else is not a task list.
     */
    static NxlinkListResponse listOf(JsonNode envelope) {
        JsonNode data = envelope.get("data");
        JsonNode page = data != null && data.isObject() && (data.has("list") || data.has("total")) ? data : envelope;
        JsonNode items = page.get("list");
        if (items == null && data != null && data.isArray()) {
            items = data;
        }
        List<JsonNode> tasks = new ArrayList<>();
        if (items != null && items.isArray()) {
            items.forEach(tasks::add);
        } else if ((items != null && !items.isNull()) || (items == null && !page.has("total"))) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "NXLink answer has no task list");
        }
        return new NxlinkListResponse(tasks, LenientJson.longValue(page, "total"),
                LenientJson.longValue(page, "pageNumber"), LenientJson.longValue(page, "pageSize"));
    }
}
