package dev.taskgateway.providers.longlonglong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.providers.RawJson;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Replays each raw fixture through WireMock and compares the mapped page with its expected JSON. */
class LonglonglongFixtureTests {

    @RegisterExtension
    static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final UpstreamQuery FIRST_PAGE = new UpstreamQuery(null, null, null, null, 1, 100);

    @ParameterizedTest
    @ValueSource(strings = {"subset-task-docs-example", "subset-task-mixed-types"})
    void rawAnswerMapsToTheExpectedPage(String fixture) {
        serve(fixture + ".json");

        UpstreamPage page = LonglonglongTestSupport.source(baseUrl()).fetch(FIRST_PAGE);

        assertThat(Fixtures.normalized(page)).isEqualTo(Fixtures.json("longlonglong", fixture + ".expected.json"));
    }

    @Test
    void docsExampleKeepsTheContradictingNativeFieldsInRaw() {
        serve("subset-task-docs-example.json");

        Task task = LonglonglongTestSupport.source(baseUrl()).fetch(FIRST_PAGE).tasks().get(0);

        JsonNode raw = ((RawJson) task.raw()).tree();
        assertThat(raw.get("status").asInt()).isEqualTo(1);
        assertThat(raw.get("status_str").asString()).isEqualTo("停止");
        assertThat(raw.get("call_status").asBoolean()).isTrue();
        assertThat(raw.get("task_cause").size()).isEqualTo(2);
        assertThat(raw.get("originate_variables").asString()).isEqualTo("{execute_on_media=start_da}");
    }

    @Test
    void configuredTimezoneReplacesShanghai() {
        serve("subset-task-docs-example.json");
        var settings = new SourceSettings(LonglonglongTestSupport.SOURCE, "longlonglong",
                URI.create(baseUrl()), true, Duration.ofSeconds(2), ZoneOffset.UTC, 10_000);

        Task task = LonglonglongTestSupport.source(settings, Map.of("token", LonglonglongTestSupport.TOKEN,
                "user-id", LonglonglongTestSupport.USER_ID)).fetch(FIRST_PAGE).tasks().get(0);

        assertThat(task.createdAt()).isEqualTo(Instant.parse("2024-09-02T21:45:18Z"));
    }

    private static void serve(String fixture) {
        WIREMOCK.stubFor(get(urlPathEqualTo(LonglonglongTestSupport.LIST_PATH)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(Fixtures.read("longlonglong", fixture))));
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + WIREMOCK.getPort();
    }
}
