package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds Longlonglong sources the way production does, and reads their fixtures. */
final class LonglonglongTestSupport {

    static final String SOURCE = "llcall";
    static final String TOKEN = "tok-3f7c1e2a9b8d4c6e-not-real";
    static final String USER_ID = "5832d184-dd53-42a0-8ace-0bf8d660f4cc";
    static final String LIST_PATH = "/agent-api/new/user/" + USER_ID + "/subset_task";

    private LonglonglongTestSupport() {
    }

    static SourceSettings settings(String baseUrl, int scanCap) {
        return new SourceSettings(SOURCE, LonglonglongTaskMapper.PROVIDER, URI.create(baseUrl), true,
                Duration.ofSeconds(2), null, scanCap);
    }

    /** A source at {@code baseUrl} with the test token and account plus {@code keys} (relative to the source). */
    static LonglonglongTaskSource source(String baseUrl, int scanCap, Map<String, String> keys) {
        Map<String, String> all = new HashMap<>();
        all.put("token", TOKEN);
        all.put("user-id", USER_ID);
        all.putAll(keys);
        return source(settings(baseUrl, scanCap), all);
    }

    static LonglonglongTaskSource source(String baseUrl) {
        return source(baseUrl, 10_000, Map.of());
    }

    /** A source from exactly {@code keys}, which may lack or break required ones. */
    static LonglonglongTaskSource source(SourceSettings settings, Map<String, String> keys) {
        Map<String, String> properties = new HashMap<>();
        keys.forEach((k, v) -> properties.put(settings.prefix() + "." + k, v));
        return (LonglonglongTaskSource) new LonglonglongConfiguration().longlonglongProvider().create(settings,
                new Binder(new MapConfigurationPropertySource(properties)), new OkHttpClient());
    }
}
