package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

/** Builds Longlonglong sources the way production does, and comparable views of what they return. */
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

    static String resource(String name) {
        try (InputStream in = LonglonglongTestSupport.class.getResourceAsStream("/providers/longlonglong/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page as a JSON tree, tasks without {@code raw}, for comparing with an expected file. */
    static JsonNode comparable(UpstreamPage page) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("total", page.total());
        view.put("totalExact", page.totalExact());
        view.put("last", page.last());
        view.put("tasks", page.tasks().stream().map(LonglonglongTestSupport::view).toList());
        return LenientJson.MAPPER.readTree(LenientJson.MAPPER.writeValueAsString(view));
    }

    static Map<String, Object> view(Task task) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", task.id().toString());
        v.put("source", task.id().source());
        v.put("provider", task.provider());
        v.put("nativeId", task.id().nativeId());
        v.put("kind", task.kind().wireName());
        v.put("name", task.name());
        v.put("description", task.description());
        v.put("status", task.status().name());
        v.put("nativeStatus", task.nativeStatus());
        v.put("nativeStatusLabel", task.nativeStatusLabel());
        v.put("statusReason", task.statusReason());
        v.put("progress", task.progress());
        v.put("owner", task.owner());
        v.put("createdAt", text(task.createdAt()));
        v.put("updatedAt", text(task.updatedAt()));
        v.put("startedAt", text(task.startedAt()));
        v.put("finishedAt", text(task.finishedAt()));
        v.put("schedule", task.schedule() == null ? null : schedule(text(task.schedule().start()),
                text(task.schedule().end())));
        v.put("metrics", task.metrics());
        List<String> actions = task.actions().stream().map(TaskAction::wireName).toList();
        v.put("actions", actions);
        return v;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A schedule as the API writes it: both ends, nulls kept. */
    private static Map<String, Object> schedule(String start, String end) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", start);
        window.put("end", end);
        return window;
    }
}
