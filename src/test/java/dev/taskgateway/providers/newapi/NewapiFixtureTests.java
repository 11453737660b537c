package dev.taskgateway.providers.newapi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.taskgateway.providers.newapi.NewapiTestSources.TOKEN;
import static dev.taskgateway.providers.newapi.NewapiTestSources.query;
import static dev.taskgateway.providers.newapi.NewapiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.providers.LenientJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Replays each recorded answer under providers/new-api/ and compares with the expected tasks beside it. */
class NewapiFixtureTests {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
            .build();

    @ParameterizedTest(name = "{0} ({1}, {2})")
    @CsvSource(textBlock = """
            self-current, self, current
            all-current,  all,  current
            all-legacy,   all,  legacy
            """)
    void rawAnswerMapsToTheExpectedTasks(String fixture, String scope, String shape) throws IOException {
        String path = scope.equals("self") ? "/api/task/self" : "/api/task/";
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(resource(fixture + ".json"))));
        NewapiTaskSource source = source(wm.baseUrl(), TOKEN, 7, scope, "auto");

        UpstreamPage page = source.fetch(query(1, 100));

        JsonNode actual = LenientJson.MAPPER.readTree(LenientJson.MAPPER.writeValueAsString(comparable(page.tasks())));
        JsonNode expected = LenientJson.MAPPER.readTree(resource(fixture + ".expected.json"));
        assertThat(actual).isEqualTo(expected);
        assertThat(source.detectedShape()).isEqualTo(shape);
        assertThat(page.tasks()).allSatisfy(t -> assertThat(t.raw()).isInstanceOf(JsonNode.class));
    }

    /** The fields of DESIGN §4 but raw, as plain values. */
    private static List<Map<String, Object>> comparable(List<Task> tasks) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Task t : tasks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id().toString());
            m.put("source", t.id().source());
            m.put("provider", t.provider());
            m.put("nativeId", t.id().nativeId());
            m.put("kind", t.kind().wireName());
            m.put("name", t.name());
            m.put("description", t.description());
            m.put("status", t.status().name());
            m.put("nativeStatus", t.nativeStatus());
            m.put("nativeStatusLabel", t.nativeStatusLabel());
            m.put("statusReason", t.statusReason());
            m.put("progress", t.progress());
            m.put("owner", t.owner());
            m.put("createdAt", iso(t.createdAt()));
            m.put("updatedAt", iso(t.updatedAt()));
            m.put("startedAt", iso(t.startedAt()));
            m.put("finishedAt", iso(t.finishedAt()));
            Map<String, Object> schedule = new LinkedHashMap<>();
            if (t.schedule() != null) {
                schedule.put("start", iso(t.schedule().start()));
                schedule.put("end", iso(t.schedule().end()));
            }
            m.put("schedule", t.schedule() == null ? null : schedule);
            m.put("metrics", t.metrics());
            m.put("actions", t.actions().stream().map(TaskAction::wireName).toList());
            list.add(m);
        }
        return list;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = NewapiFixtureTests.class.getResourceAsStream("/providers/new-api/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
