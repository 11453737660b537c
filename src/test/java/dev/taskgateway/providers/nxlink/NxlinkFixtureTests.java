package dev.taskgateway.providers.nxlink;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.taskgateway.providers.nxlink.NxlinkClientTests.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The fixtures are the contract: each raw answer, replayed, maps to its expected tasks. */
class NxlinkFixtureTests {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @ParameterizedTest
    @ValueSource(strings = {"task-list", "task-list-in-data"})
    void rawAnswerMapsToTheExpectedTasks(String fixture) {
        wm.stubFor(post(PATH).willReturn(okJson(Fixtures.read("nxlink", fixture + ".json"))));

        UpstreamPage page = fetch();

        assertThat(Fixtures.normalized(page.tasks())).isEqualTo(Fixtures.json("nxlink", fixture + ".expected.json"));
    }

    @Test
    void rawRecordIsKeptAsSent() {
        wm.stubFor(post(PATH).willReturn(okJson(Fixtures.read("nxlink", "task-list.json"))));

        Task first = fetch().tasks().get(0);

        JsonNode sent = LenientJson.MAPPER.readTree(Fixtures.read("nxlink", "task-list.json")).get("list").get(0);
        assertThat(((RawJson) first.raw()).tree()).isEqualTo(sent);
    }

    @Test
    void pagingFieldsOfTheFixtureAreRead() {
        wm.stubFor(post(PATH).willReturn(okJson(Fixtures.read("nxlink", "task-list.json"))));

        UpstreamPage page = fetch();

        assertThat(page.total()).isEqualTo(10);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    private static UpstreamPage fetch() {
        return NxlinkTestSources.source(wm.baseUrl(), Clock.systemUTC())
                .fetch(new UpstreamQuery(Set.of(), null, null, null, 1, 1000));
    }
}
