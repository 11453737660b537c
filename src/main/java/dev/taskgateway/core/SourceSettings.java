package dev.taskgateway.core;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The settings every source has, validated ({@code taskgateway.sources.<id>.*}); provider-specific
 * keys are bound by the provider's declaration from {@link #prefix()}.
 *
 * @param id       source id
 * @param type     provider name
 * @param baseUrl  the only base URL this source ever calls
 * @param enabled  false keeps it configured but out of every request
 * @param timeout  one upstream call, connect to last byte
 * @param timezone zone of zone-less provider times, or null for the provider's default
 * @param scanCap  most tasks read from it for one request
 * @param cache    how long its reads are held ({@code cache.fresh-ttl}, {@code cache.stale-ttl})
 */
public record SourceSettings(String id, String type, URI baseUrl, boolean enabled, Duration timeout,
                             ZoneId timezone, int scanCap, ReadPolicy cache) {

    /** Settings with the shipped cache lifetimes ({@link ReadPolicy#DEFAULT}). */
    public SourceSettings(String id, String type, URI baseUrl, boolean enabled, Duration timeout,
                          ZoneId timezone, int scanCap) {
        this(id, type, baseUrl, enabled, timeout, timezone, scanCap, ReadPolicy.DEFAULT);
    }

    /** The configuration prefix of this source, e.g. {@code taskgateway.sources.nxlink-hk}. */
    public String prefix() {
        return "taskgateway.sources." + id;
    }

    /** The configured zone, or {@code fallback} when none was set. */
    public ZoneId zoneOr(ZoneId fallback) {
        return timezone == null ? fallback : timezone;
    }
}
