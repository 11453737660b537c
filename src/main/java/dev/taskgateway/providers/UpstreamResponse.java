package dev.taskgateway.providers;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

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
