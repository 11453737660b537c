package dev.taskgateway.providers;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The settings every source has, validated; provider-specific keys are bound by each
 * {@link ProviderFactory} from {@link #prefix()}.
 *
 * @param id       source id
 * @param type     provider name
 * @param baseUrl  the only base URL this source ever calls
 * @param enabled  false keeps it configured but out of every request
 * @param timeout  one upstream call, connect to last byte
 * @param timezone zone of zone-less provider times, or null for the provider's default
 * @param scanCap  most tasks read from it for one request
 */
public record SourceSettings(String id, String type, URI baseUrl, boolean enabled, Duration timeout,
                             ZoneId timezone, int scanCap) {

    /** The configuration prefix of this source, e.g. {@code taskgateway.sources.nxlink-hk}. */
    public String prefix() {
        return "taskgateway.sources." + id;
    }

    /** The configured zone, or {@code fallback} when none was set. */
    public ZoneId zoneOr(ZoneId fallback) {
        return timezone == null ? fallback : timezone;
    }

    /** The base URL joined with {@code path} (which starts with '/'), as an OkHttp URL. */
    public okhttp3.HttpUrl url(String path) {
        String base = baseUrl.toString();
        okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
        if (url == null) {
            throw new IllegalStateException("bad URL for source " + id);
        }
        return url;
    }
}
