package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.core.SourceSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Builds new-api sources the way production does: the provider factory, a Binder, a 2 s UpstreamHttp. */
final class NewApiTestSources {

    /** A made-up token: tests check that it never shows up in an error message. */
    static final String TOKEN = "tok-3f9a1c77e2b54d0e9c1a";
    static final String SOURCE_ID = "newapi-test";

    private NewApiTestSources() {
    }

    /** The declaration production registers. */
    static ProviderDeclaration<NewApiProperties> factory() {
        return new NewApiConfiguration().newApiProvider();
    }

    /** Settings of {@link #SOURCE_ID} at {@code baseUrl}, 2 s per call. */
    static SourceSettings settings(String baseUrl) {
        return new SourceSettings(SOURCE_ID, "new-api", URI.create(baseUrl), true, Duration.ofSeconds(2), null, 10_000);
    }

    /** A source whose keys are {@code keys} (without the prefix). */
    static NewApiTaskSource source(String baseUrl, Map<String, String> keys) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        keys.forEach((k, v) -> prefixed.put("taskgateway.sources." + SOURCE_ID + "." + k, v));
        return (NewApiTaskSource) factory().create(settings(baseUrl), new Binder(new MapConfigurationPropertySource(prefixed)),
                new OkHttpClient());
    }

    /** A source with {@code token}, {@code userId}, {@code scope} and {@code apiShape}. */
    static NewApiTaskSource source(String baseUrl, String token, int userId, String scope, String apiShape) {
        return source(baseUrl, Map.of("access-token", token, "user-id", Integer.toString(userId),
                "scope", scope, "api-shape", apiShape));
    }

    /** A self-scope source with {@link #TOKEN}, user 7 and the given shape setting. */
    static NewApiTaskSource source(String baseUrl, String apiShape) {
        return source(baseUrl, TOKEN, 7, "self", apiShape);
    }

    /** Page {@code page} of {@code size}, no filters. */
    static UpstreamQuery query(int page, int size) {
        return new UpstreamQuery(Set.of(), null, null, null, page, size);
    }

    /** Page 1 of 100 with these filters. */
    static UpstreamQuery query(Set<TaskStatus> statuses, String q, Instant from, Instant until) {
        return new UpstreamQuery(statuses, q, from, until, 1, 100);
    }
}
