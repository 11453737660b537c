package dev.taskgateway.providers.tikmatrix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The TikMatrix adapter against recorded answers served by WireMock over real HTTP. */
class TikmatrixTaskSourceTests {

    private static final WireMockServer upstream = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private TikmatrixTaskSource source;

    @BeforeAll
    static void start() {
        upstream.start();
    }

    @AfterAll
    static void stop() {
        upstream.stop();
    }

    @BeforeEach
    void setUp() {
        upstream.resetAll();
        SourceSettings settings = new SourceSettings("tm", "tikmatrix", URI.create(upstream.baseUrl()), true,
                Duration.ofSeconds(2), ZoneId.of("Asia/Shanghai"), 10_000);
        source = new TikmatrixTaskSource(TikmatrixTaskSource.info("tm", 100, 10_000),
                new TikmatrixClient(settings, new UpstreamHttp(new OkHttpClient(), settings.timeout())),
                new TikmatrixTaskMapper("tm", settings.timezone()));
    }

    private static UpstreamQuery all(int page) {
        return new UpstreamQuery(Set.of(), null, null, null, page, 100);
    }

    @Test
    void recordedListMapsToTheExpectedTasks() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(Fixtures.read("tikmatrix", "list-page.json"))));

        UpstreamPage page = source.fetch(all(1));

        assertThat(Fixtures.normalized(page.tasks())).isEqualTo(Fixtures.json("tikmatrix", "list-page.expected.json"));
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    @Test
    void itemsUnderTheItemsKeyAreReadToo() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task"))
                .willReturn(okJson(Fixtures.read("tikmatrix", "list-page-items-key.json"))));

        assertThat(Fixtures.normalized(source.fetch(all(1)).tasks()))
                .isEqualTo(Fixtures.json("tikmatrix", "list-page.expected.json"));
    }

    @Test
    void desktopUiFieldNamesAreReadWhenTheAssumedOnesAreAbsent() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task"))
                .willReturn(okJson(Fixtures.read("tikmatrix", "list-page-desktop.json"))));

        assertThat(Fixtures.normalized(source.fetch(all(1)).tasks()))
                .isEqualTo(Fixtures.json("tikmatrix", "list-page-desktop.expected.json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"code\":0,\"data\":{\"rows\":[{\"id\":301,\"status\":1}],\"total\":1,\"page\":1}}",
            "{\"code\":0,\"data\":{\"total\":7}}",
            "{\"code\":0,\"data\":{\"total\":0,\"page\":1,\"page_size\":100}}",
            "{\"code\":0,\"data\":{\"tasks\":null,\"total\":3}}"})
    void dataWithoutAKnownItemArrayIsABadResponseNotAnEmptyPage(String body) {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(body)));

        assertThatThrownBy(() -> source.fetch(all(1))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void serverErrorWithAJsonBodyButNoEnvelopeIsUnavailableNotABadResponse() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"simulated failure\"}")));

        assertThatThrownBy(() -> source.fetch(all(1))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void renamedItemKeyFixtureIsABadResponse() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task"))
                .willReturn(okJson(Fixtures.read("tikmatrix", "list-page-renamed-key.json"))));

        assertThatThrownBy(() -> source.fetch(all(1))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\":0,\"data\":{}}", "{\"code\":0,\"data\":null}",
            "{\"code\":0,\"data\":{\"tasks\":[],\"total\":0}}"})
    void dataThatHoldsNothingIsAnEmptyLastPage(String body) {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(body)));

        UpstreamPage page = source.fetch(all(1));

        assertThat(page.tasks()).isEmpty();
        assertThat(page.last()).isTrue();
    }

    @Test
    void listSendsPageSizeAndOneStatusUpstream() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"tasks\":[],\"total\":0}}")));

        UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(TaskStatus.FAILED), null, null, null, 3, 50));

        upstream.verify(getRequestedFor(urlPathEqualTo("/api/v1/task"))
                .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("3"))
                .withQueryParam("page_size", com.github.tomakehurst.wiremock.client.WireMock.equalTo("50"))
                .withQueryParam("status", com.github.tomakehurst.wiremock.client.WireMock.equalTo("3")));
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    @Test
    void severalStatusesAreFilteredByTheGatewayAndTheTotalIsNotExact() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"tasks\":[],\"total\":40}}")));

        UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(TaskStatus.FAILED, TaskStatus.RUNNING),
                null, null, null, 1, 100));

        upstream.verify(getRequestedFor(urlPathEqualTo("/api/v1/task")).withoutQueryParam("status"));
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void fullPageWithMoreBehindItIsNotLast() {
        StringBuilder tasks = new StringBuilder();
        for (int i = 1; i <= 2; i++) {
            tasks.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"status\":0}");
        }
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"tasks\":[" + tasks + "],\"total\":5}}")));

        assertThat(source.fetch(new UpstreamQuery(Set.of(), null, null, null, 1, 2)).last()).isFalse();
    }

    @Test
    void detailReturnsTheTaskWithItsRawRecord() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task/102")).willReturn(okJson(Fixtures.read("tikmatrix", "detail.json"))));

        var task = source.find("102").orElseThrow();

        assertThat(task.id().toString()).isEqualTo("tm:102");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.raw()).isNotNull();
    }

    @Test
    void unknownTaskIsEmpty() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task/999")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":40401,\"message\":\"task not found\"}")));

        assertThat(source.find("999")).isEmpty();
    }

    @ParameterizedTest(name = "native id \"{0}\" never reaches the upstream")
    @CsvSource({"../stats", "1/stop", "stats", "retry-all", "batch", "'1 '", "-1", "1e3", "99999999999999999999", "'%2e%2e'"})
    void nativeIdsThatAreNotTaskNumbersNeverReachAnUpstreamPath(String nativeId) {
        assertThat(source.find(nativeId)).isEmpty();
        // Any path below /api/v1/task/ (stats, batch, retry-all, {id}/stop...) would be a leak.
        assertThat(upstream.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/task/.*")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "license too low | 200 | {\"code\":40301,\"message\":\"API requires Pro plan\"} | UPSTREAM_AUTH_FAILED",
            "bad params      | 200 | {\"code\":40001,\"message\":\"page_size too large\"}  | UPSTREAM_REJECTED",
            "internal error  | 200 | {\"code\":50001,\"message\":\"db locked\"}             | UPSTREAM_UNAVAILABLE",
            "no code         | 200 | {\"message\":\"success\"}                              | UPSTREAM_BAD_RESPONSE",
            "html page       | 200 | <html>oops</html>                                     | UPSTREAM_BAD_RESPONSE",
            "empty body      | 200 | ''                                                    | UPSTREAM_BAD_RESPONSE",
            "server error    | 502 | <html>bad gateway</html>                              | UPSTREAM_UNAVAILABLE",
            "rate limited    | 429 | ''                                                    | UPSTREAM_RATE_LIMITED"})
    void upstreamFailuresMapToErrorCodes(String name, int status, String body, ErrorCode expected) {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(aResponse().withStatus(status).withBody(body)));

        assertThatThrownBy(() -> source.fetch(all(1)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(expected));
    }

    @Test
    void licenseFailureSaysWhy() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":40301,\"message\":\"API requires Pro plan\"}")));

        assertThatThrownBy(() -> source.fetch(all(1))).hasMessageContaining("40301").hasMessageContaining("Pro plan");
    }

    @Test
    void droppedConnectionIsUnavailable() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> source.fetch(all(1)))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
    }

    @Test
    void answerLaterThanTheTimeoutIsATimeout() {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson("{\"code\":0,\"data\":{\"tasks\":[]}}")
                .withFixedDelay(2_500)));

        assertThatThrownBy(() -> source.fetch(all(1)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
                    assertThat(e.getMessage()).isEqualTo("no answer in 2s");
                });
    }
}
