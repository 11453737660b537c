package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.OkHttpClient;

/** Builds NXLink sources the way production does, against a test server. */
final class NxlinkTestSources {

    /** The credentials of PROVIDER-NOTES test vectors V1-V4 (made up, not a real account). */
    static final String ACCESS_KEY = "AK-6230339248928541113-2133";
    static final String ACCESS_SECRET = "3f7c1e2a9b8d4c6e";
    /** The {@code ts} of vectors V1-V4. */
    static final long VECTOR_TS = 1746583929000L;

    private NxlinkTestSources() {
    }

    static SourceSettings settings(String id, String baseUrl, int scanCap) {
        return new SourceSettings(id, "nxlink", URI.create(baseUrl), true, Duration.ofSeconds(2), null, scanCap);
    }

    static NxlinkProperties properties(String accessKey, String accessSecret) {
        NxlinkProperties properties = new NxlinkProperties();
        properties.setAccessKey(accessKey);
        properties.setAccessSecret(accessSecret);
        return properties;
    }

    /** A source with the vector credentials, the default page size (1000) and {@code clock}. */
    static NxlinkTaskSource source(String baseUrl, Clock clock) {
        return source(settings("nxlink-hk", baseUrl, 10_000), properties(ACCESS_KEY, ACCESS_SECRET), clock);
    }

    static NxlinkTaskSource source(SourceSettings settings, NxlinkProperties properties, Clock clock) {
        return NxlinkConfiguration.source(settings, properties,
                new UpstreamHttp(new OkHttpClient(), Duration.ofSeconds(2)), clock);
    }

    /** A clock standing still at the vectors' {@code ts}. */
    static Clock vectorClock() {
        return Clock.fixed(Instant.ofEpochMilli(VECTOR_TS), ZoneOffset.UTC);
    }
}
