package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import okhttp3.OkHttpClient;

/** Builds TikMatrix sources ({@code tm}, 100 a page) against a test server. */
final class TikmatrixTestSources {

    static final String SOURCE = "tm";

    private TikmatrixTestSources() {
    }

    /** A source at {@code baseUrl} reading zone-less times in {@code zone}, giving up after {@code timeout}. */
    static TikmatrixTaskSource source(String baseUrl, ZoneId zone, Duration timeout) {
        SourceSettings settings = new SourceSettings(SOURCE, TikmatrixTaskMapper.PROVIDER, URI.create(baseUrl), true,
                timeout, zone, 10_000);
        return new TikmatrixTaskSource(TikmatrixTaskSource.info(SOURCE, 100, 10_000),
                new TikmatrixClient(settings, new UpstreamHttp(new OkHttpClient(), settings.timeout())),
                new TikmatrixTaskMapper(SOURCE, zone));
    }
}
