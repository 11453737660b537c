package dev.taskgateway.providers.newapi;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.taskgateway.providers.newapi.NewApiTestSources.TOKEN;
import static dev.taskgateway.providers.newapi.NewApiTestSources.query;
import static dev.taskgateway.providers.newapi.NewApiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.providers.RawJson;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replays each recorded answer under providers/new-api/ and compares with the expected tasks beside it. */
class NewApiFixtureTests {

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
    void rawAnswerMapsToTheExpectedTasks(String fixture, String scope, String shape) {
        String path = scope.equals("self") ? "/api/task/self" : "/api/task/";
        wm.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(Fixtures.read("new-api", fixture + ".json"))));
        NewApiTaskSource source = source(wm.baseUrl(), TOKEN, 7, scope, "auto");

        UpstreamPage page = source.fetch(query(1, 100));

        assertThat(Fixtures.normalized(page.tasks())).isEqualTo(Fixtures.json("new-api", fixture + ".expected.json"));
        assertThat(source.detectedShape()).isEqualTo(shape);
        assertThat(page.tasks()).allSatisfy(t -> assertThat(t.raw()).isInstanceOf(RawJson.class));
    }
}
