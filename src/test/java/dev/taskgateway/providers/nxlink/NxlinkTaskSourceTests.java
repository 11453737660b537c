package dev.taskgateway.providers.nxlink;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.taskgateway.providers.nxlink.NxlinkClientTests.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the source pushes upstream, how honest its totals are, and lookups by id. */
class NxlinkTaskSourceTests {

    private static final String UUID_A = "52145b00-abc9-4a87-94c2-ed1e1e42ec1c";
    private static final String UUID_B = "0dfe8af6-aee7-4be1-8c45-c0284f083ce4";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private final NxlinkTaskSource source = NxlinkTestSources.source(wm.baseUrl(), Clock.systemUTC());

    @Test
    void infoSaysUnorderedOutboundCallsWithNoActions() {
        SourceInfo info = source.info();

        assertThat(info.provider()).isEqualTo("nxlink");
        assertThat(info.kind()).isEqualTo(TaskKind.OUTBOUND_CALL);
        assertThat(info.ordering()).isEqualTo(Ordering.UNORDERED);
        assertThat(info.maxPageSize()).isEqualTo(1000);
        assertThat(info.pushedFilters()).containsExactlyInAnyOrder("status", "createdFrom", "createdTo");
        assertThat(info.actions()).isEmpty();
    }

    @Test
    void anUnfilteredQuerySendsOnlyThePageAndItsTotalIsExact() {
        page(3, 3);

        UpstreamPage page = source.fetch(query(Set.of(), null, null, null, 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.tasks()).hasSize(3);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    @Test
    void aStatusOfOneNativeValueIsPushed() {
        page(1, 1);

        UpstreamPage page = source.fetch(query(Set.of(TaskStatus.RUNNING), null, null, null, 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"taskStatus\":2,\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void stoppedNextToAnotherStatusAddsNoNativeValueSoTheOtherIsPushed() {
        page(1, 1);

        UpstreamPage page = source.fetch(query(Set.of(TaskStatus.STOPPED, TaskStatus.FAILED), null, null, null, 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"taskStatus\":4,\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void pausedIsTwoNativeValuesSoItIsNotPushedAndTheTotalIsNotExact() {
        page(2, 2);

        UpstreamPage page = source.fetch(query(Set.of(TaskStatus.PAUSED), null, null, null, 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void severalStatusesOrUnknownAreNotPushed() {
        page(2, 2);

        assertThat(source.fetch(query(Set.of(TaskStatus.PENDING, TaskStatus.RUNNING), null, null, null, 1, 1000))
                .totalExact()).isFalse();
        assertThat(source.fetch(query(Set.of(TaskStatus.UNKNOWN), null, null, null, 1, 1000)).totalExact()).isFalse();
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("{\"pageNumber\":1,\"pageSize\":1000}")));
    }

    @Test
    void onlyStoppedIsAnsweredEmptyWithoutAskingNxlink() {
        UpstreamPage page = source.fetch(query(Set.of(TaskStatus.STOPPED), null, null, null, 1, 1000));

        assertThat(page.tasks()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
        wm.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aNameFilterStaysInTheGatewayAndMakesTheTotalInexact() {
        page(2, 2);

        UpstreamPage page = source.fetch(query(Set.of(), "renewal", null, null, 1, 1000));

        assertThat(sentBody()).doesNotContain("taskName").doesNotContain("renewal");
        assertThat(page.tasks()).hasSize(2);
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void createdBoundsAreSentAsTheWholeSecondsThatSelectExactlyTheSameTasks() {
        page(1, 1);

        UpstreamPage page = source.fetch(query(Set.of(), null, Instant.parse("2025-05-06T00:00:00.250Z"),
                Instant.parse("2025-05-07T00:00:00Z").minusNanos(1), 1, 1000));

        // from 00:00:00.25 inclusive = from 00:00:01 for whole seconds; until 23:59:59.999999999 = until 23:59:59
        assertThat(sentBody()).isEqualTo("{\"createStartTs\":1746489601,\"createEndTs\":1746575999,"
                + "\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void boundsOnWholeSecondsAreSentUnchanged() {
        assertThat(NxlinkTaskSource.lowerBound(Instant.ofEpochSecond(1746500000))).isEqualTo(1746500000L);
        assertThat(NxlinkTaskSource.upperBound(Instant.ofEpochSecond(1746583929))).isEqualTo(1746583929L);
        assertThat(NxlinkTaskSource.lowerBound(Instant.ofEpochSecond(-5, 1))).isZero();
        assertThat(NxlinkTaskSource.upperBound(Instant.ofEpochSecond(-5))).isZero();
    }

    @Test
    void anUpperBoundPastTheInt32RangeIsLeftOutAndStillExact() {
        page(1, 1);

        UpstreamPage page = source.fetch(query(Set.of(), null, null, Instant.parse("2099-01-01T00:00:00Z"), 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isTrue();
    }

    @Test
    void aLowerBoundPastTheInt32RangeCannotBeSentSoTheTotalIsInexact() {
        page(0, 0);

        UpstreamPage page = source.fetch(query(Set.of(), null, Instant.parse("2099-01-01T00:00:00Z"), null, 1, 1000));

        assertThat(sentBody()).isEqualTo("{\"pageNumber\":1,\"pageSize\":1000}");
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void aFullPageBelowTheTotalIsNotTheLast() {
        page(2, 5);

        UpstreamPage page = source.fetch(query(Set.of(), null, null, null, 1, 2));

        assertThat(sentBody()).isEqualTo("{\"pageNumber\":1,\"pageSize\":2}");
        assertThat(page.last()).isFalse();
    }

    @Test
    void aFullPageThatReachesTheTotalIsTheLast() {
        page(2, 4);

        assertThat(source.fetch(query(Set.of(), null, null, null, 2, 2)).last()).isTrue();
    }

    @Test
    void aFullPageWithoutATotalIsNotTheLast() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"list\":[{\"taskId\":\"a\"},{\"taskId\":\"b\"}]}")));

        UpstreamPage page = source.fetch(query(Set.of(), null, null, null, 1, 2));

        assertThat(page.last()).isFalse();
        assertThat(page.total()).isNull();
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void itemsWithoutAnyIdAreSkippedAndTheRestListed() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"total\":3,\"list\":[{\"taskName\":\"no id\"},"
                + "{\"taskId\":\"" + UUID_A + "\"},\"not an object\"]}")));

        assertThat(source.fetch(query(Set.of(), null, null, null, 1, 1000)).tasks())
                .extracting(t -> t.id().nativeId()).containsExactly(UUID_A);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1; DROP", "52145b00-abc9-4a87-94c2", "12345678901234567890", " 74", "../74"})
    void idsThatCannotBeNxlinksAreNotFoundWithoutACall(String nativeId) {
        assertThat(source.find(nativeId)).isEmpty();
        wm.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void findPagesThroughTheListUntilItMeetsTheTask() {
        NxlinkTaskSource small = smallPages(10_000);
        wm.stubFor(post(PATH).withRequestBody(matchingJsonPath("$.pageNumber", equalToJson("1")))
                .willReturn(okJson(list(4, "{\"taskId\":\"x1\"},{\"taskId\":\"x2\"}"))));
        wm.stubFor(post(PATH).withRequestBody(matchingJsonPath("$.pageNumber", equalToJson("2")))
                .willReturn(okJson(list(4, "{\"taskId\":\"x3\"},{\"taskId\":\"" + UUID_B + "\",\"taskStatus\":3}"))));

        Optional<Task> found = small.find(UUID_B.toUpperCase());

        assertThat(found).hasValueSatisfying(t -> {
            assertThat(t.id().nativeId()).isEqualTo(UUID_B);
            assertThat(t.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(t.raw()).isNotNull();
        });
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void findUsesTheNumericIdOfATaskWithoutTaskId() {
        wm.stubFor(post(PATH).willReturn(okJson(list(2, "{\"taskId\":\"" + UUID_A + "\",\"id\":73},{\"id\":74}"))));

        assertThat(source.find("74")).hasValueSatisfying(t -> assertThat(t.id().nativeId()).isEqualTo("74"));
        assertThat(source.find("73")).isEmpty();
    }

    @Test
    void findStopsAtTheLastPageWhenTheTaskIsNotThere() {
        NxlinkTaskSource small = smallPages(10_000);
        wm.stubFor(post(PATH).willReturn(okJson(list(3, "{\"taskId\":\"x1\"}"))));

        assertThat(small.find(UUID_A)).isEmpty();
        wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void findReadsNoMoreThanTheScanCap() {
        NxlinkTaskSource capped = smallPages(4);
        wm.stubFor(post(PATH).willReturn(okJson(list(100, "{\"taskId\":\"x1\"},{\"taskId\":\"x2\"}"))));

        assertThat(capped.find(UUID_A)).isEmpty();
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    /** A source with two tasks a page and {@code scanCap}. */
    private static NxlinkTaskSource smallPages(int scanCap) {
        NxlinkProperties properties = NxlinkTestSources.properties(NxlinkTestSources.ACCESS_KEY,
                NxlinkTestSources.ACCESS_SECRET);
        properties.setPageSize(2);
        return NxlinkTestSources.source(NxlinkTestSources.settings("nxlink-hk", wm.baseUrl(), scanCap), properties,
                Clock.systemUTC());
    }

    /** Answers every list call with {@code count} tasks and {@code total}. */
    private static void page(int count, int total) {
        String items = IntStream.range(0, count).mapToObj(i -> "{\"taskId\":\"t" + i + "\",\"taskStatus\":" + (1 + i % 6)
                + ",\"taskName\":\"Renewal " + i + "\",\"createTs\":" + (1746500000 + i) + "}").collect(Collectors.joining(","));
        wm.stubFor(post(PATH).willReturn(okJson(list(total, items))));
    }

    private static String list(int total, String items) {
        return "{\"code\":0,\"message\":\"success\",\"total\":" + total + ",\"list\":[" + items + "]}";
    }

    private static String sentBody() {
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.get(0).getBodyAsString();
    }

    private static UpstreamQuery query(Set<TaskStatus> statuses, String q, Instant from, Instant until, int page,
                                       int size) {
        return new UpstreamQuery(statuses, q, from, until, page, size);
    }
}
