package dev.taskgateway.providers;

import dev.taskgateway.core.SourceException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import tools.jackson.databind.JsonNode;

/**
 * An upstream HTTP answer, fully read (bounded by {@link UpstreamHttp}).
 *
 * @param status  HTTP status
 * @param headers response headers
 * @param body    body bytes, possibly empty
 */
public record UpstreamResponse(int status, Headers headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The body as a JSON object. A body that is not one fails with what the HTTP status says
     * (429, 5xx, 401/403, other 4xx) when it says something, else {@code UPSTREAM_BAD_RESPONSE}.
     */
    public JsonNode jsonObject() {
        try {
            return LenientJson.parseObject(body);
        } catch (SourceException e) {
            SourceException byStatus = UpstreamHttp.failureForStatus(this);
            throw byStatus != null ? byStatus : e;
        }
    }

    /** {@code Retry-After} in seconds when it is a number, else null (HTTP dates are rare upstream). */
    public Long retryAfterSeconds() {
        String value = headers.get("Retry-After");
        if (value == null) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
