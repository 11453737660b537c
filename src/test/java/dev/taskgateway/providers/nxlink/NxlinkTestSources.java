package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import okhttp3.OkHttpClient;
import tools.jackson.databind.JsonNode;

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

    /** A task as comparable JSON: every field but {@code raw}, times as ISO strings. */
    static JsonNode comparable(List<Task> tasks) {
        List<Map<String, Object>> maps = tasks.stream().map(NxlinkTestSources::comparable).toList();
        return LenientJson.MAPPER.readTree(LenientJson.MAPPER.writeValueAsString(maps));
    }

    private static Map<String, Object> comparable(Task task) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", task.id().toString());
        map.put("source", task.id().source());
        map.put("provider", task.provider());
        map.put("nativeId", task.id().nativeId());
        map.put("kind", task.kind().wireName());
        map.put("name", task.name());
        map.put("description", task.description());
        map.put("status", task.status().name());
        map.put("nativeStatus", task.nativeStatus());
        map.put("nativeStatusLabel", task.nativeStatusLabel());
        map.put("statusReason", task.statusReason());
        map.put("progress", task.progress());
        map.put("owner", task.owner());
        map.put("createdAt", text(task.createdAt()));
        map.put("updatedAt", text(task.updatedAt()));
        map.put("startedAt", text(task.startedAt()));
        map.put("finishedAt", text(task.finishedAt()));
        map.put("schedule", task.schedule() == null ? null
                : scheduleView(text(task.schedule().start()), text(task.schedule().end())));
        map.put("metrics", new TreeMap<>(task.metrics()));
        map.put("actions", task.actions().stream().map(TaskAction::wireName).toList());
        return map;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** A schedule as the API writes it: both ends, nulls kept. */
    private static Map<String, Object> scheduleView(String start, String end) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("start", start);
        window.put("end", end);
        return window;
    }
}
