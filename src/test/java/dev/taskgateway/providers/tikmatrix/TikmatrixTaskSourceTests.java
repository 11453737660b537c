package dev.taskgateway.providers.tikmatrix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
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
        source = TikmatrixTestSources.source(upstream.baseUrl(), ZoneId.of("Asia/Shanghai"), Duration.ofSeconds(2));
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
                .withQueryParam("page", equalTo("3"))
                .withQueryParam("page_size", equalTo("50"))
                .withQueryParam("status", equalTo("3")));
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

    @ParameterizedTest(name = "{0} is sent as status={1} and counted exactly")
    @CsvSource({"PENDING, 0", "RUNNING, 1", "SUCCEEDED, 2", "FAILED, 3"})
    void aStatusWithANativeValueIsSentUpstreamAndItsTotalIsExact(TaskStatus status, String sent) {
        stubList("{\"code\":0,\"data\":{\"tasks\":[],\"total\":0}}");

        UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(status), null, null, null, 1, 100));

        assertThat(sentQuery()).containsExactlyInAnyOrderEntriesOf(Map.of("page", "1", "page_size", "100", "status", sent));
        assertThat(page.totalExact()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TaskStatus.class, names = {"PAUSED", "STOPPED", "UNKNOWN"})
    void aStatusWithoutANativeValueIsLeftToTheGatewayAndTheTotalIsNotExact(TaskStatus status) {
        stubList("{\"code\":0,\"data\":{\"tasks\":[],\"total\":40}}");

        UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(status), null, null, null, 1, 100));

        assertThat(sentQuery()).containsOnlyKeys("page", "page_size");
        assertThat(page.totalExact()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"name", "createdFrom", "createdUntil"})
    void nameAndTimeFiltersAreNotSentAndMakeTheTotalInexact(String which) {
        stubList("{\"code\":0,\"data\":{\"tasks\":[],\"total\":40}}");
        Instant t = Instant.parse("2026-01-05T00:00:00Z");

        UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(TaskStatus.FAILED), which.equals("name") ? "post" : null,
                which.equals("createdFrom") ? t : null, which.equals("createdUntil") ? t : null, 1, 100));

        assertThat(sentQuery()).containsOnlyKeys("page", "page_size", "status");
        assertThat(page.totalExact()).isFalse();
    }

    /** TikMatrix pages by number; neither a full page nor a total alone says there is no more. */
    @ParameterizedTest(name = "page {0} of {1}, {2} items, total {3}: last {4}")
    @CsvSource({
            "1, 2, 2, 5,  false",  // full page before the total
            "2, 2, 2, 4,  true",   // full page that reaches the total
            "3, 2, 1, 5,  true",   // short page
            "1, 2, 2,  ,  false",  // full page without a total: more may follow
            "1, 2, 1,  ,  true",   // short page without a total
            "4, 2, 0, 40, true"})  // empty page, whatever the total says (tasks deleted meanwhile)
    void lastPageFollowsTheItemsAndTheTotal(int page, int size, int items, Long total, boolean last) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 1; i <= items; i++) {
            tasks.append(i > 1 ? "," : "").append("{\"id\":").append(page * 10 + i).append(",\"status\":0}");
        }
        stubList("{\"code\":0,\"data\":{\"tasks\":[" + tasks + "]" + (total == null ? "" : ",\"total\":" + total) + "}}");

        UpstreamPage answer = source.fetch(new UpstreamQuery(Set.of(), null, null, null, page, size));

        assertThat(answer.tasks()).hasSize(items);
        assertThat(answer.total()).isEqualTo(total);
        assertThat(answer.last()).isEqualTo(last);
        assertThat(sentQuery()).containsEntry("page", Integer.toString(page)).containsEntry("page_size", Integer.toString(size));
    }

    @Test
    void itemsWithoutAUsableIdAreLeftOutAndTheRestListed() {
        stubList("{\"code\":0,\"data\":{\"tasks\":[{\"id\":1,\"status\":1},{\"status\":2,\"script_name\":\"post\"},"
                + "{\"id\":null,\"status\":0},{\"id\":\"x\",\"status\":0},{\"id\":\"4\",\"status\":3}],\"total\":5}}");

        UpstreamPage page = source.fetch(all(1));

        assertThat(page.tasks()).extracting(t -> t.id().toString()).containsExactly("tm:1", "tm:4");
        assertThat(page.total()).as("the provider's count, kept as sent").isEqualTo(5);
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

    /** Only code 40401 says "no such task"; a success without a task object is an answer we do not understand. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\":0}", "{\"code\":0,\"data\":null}", "{\"code\":0,\"data\":[1]}",
        "{\"code\":0,\"data\":\"task\"}"})
    void aSuccessfulDetailWithoutATaskIsABadResponseNotAMissingTask(String body) {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task/103")).willReturn(okJson(body)));

        assertThatThrownBy(() -> source.find("103")).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @ParameterizedTest(name = "native id \"{0}\" never reaches the upstream")
    @CsvSource({"../stats", "1/stop", "stats", "retry-all", "batch", "'1 '", "-1", "1e3", "99999999999999999999", "'%2e%2e'"})
    void nativeIdsThatAreNotTaskNumbersNeverReachAnUpstreamPath(String nativeId) {
        assertThat(source.find(nativeId)).isEmpty();
        // Any path below /api/v1/task/ (stats, batch, retry-all, {id}/stop...) would be a leak.
        assertThat(upstream.findAll(anyRequestedFor(urlPathMatching("/api/v1/task/.*")))).isEmpty();
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

    private static void stubList(String body) {
        upstream.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(body)));
    }

    /** The query parameters of the one list call made, by name. */
    private static Map<String, String> sentQuery() {
        var requests = upstream.findAll(getRequestedFor(urlPathEqualTo("/api/v1/task")));
        assertThat(requests).hasSize(1);
        Map<String, String> query = new TreeMap<>();
        requests.get(0).getQueryParams().forEach((name, value) -> query.put(name, value.firstValue()));
        return query;
    }
}
