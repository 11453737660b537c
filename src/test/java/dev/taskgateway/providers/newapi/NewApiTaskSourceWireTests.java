package dev.taskgateway.providers.newapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.taskgateway.providers.newapi.NewApiBodies.current;
import static dev.taskgateway.providers.newapi.NewApiBodies.item;
import static dev.taskgateway.providers.newapi.NewApiBodies.legacy;
import static dev.taskgateway.providers.newapi.NewApiTestSources.TOKEN;
import static dev.taskgateway.providers.newapi.NewApiTestSources.query;
import static dev.taskgateway.providers.newapi.NewApiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Every request the adapter sends and how it reads both answer shapes, against WireMock. */
class NewApiTaskSourceWireTests {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
            .build();

    private static final long T = 1_700_000_000L;

    @Test
    void selfScopeAsksPageOneWithBearerTokenAndBareUserId() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 0))));

        source(wm.baseUrl(), "auto").fetch(query(1, 100));

        LoggedRequest request = onlyRequest();
        assertThat(request.getMethod().value()).isEqualTo("GET");
        assertThat(request.getUrl()).isEqualTo("/api/task/self?p=1&page_size=100");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("New-Api-User")).isEqualTo("7");
        assertThat(request.getHeader("Accept")).isEqualTo("application/json");
        assertThat(request.getHeader("Accept-Encoding")).as("OkHttp's own, so it decodes gzip itself").isEqualTo("gzip");
    }

    @Test
    void allScopeAsksTheAdminRoute() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(3, 20, 0))));

        source(wm.baseUrl(), TOKEN, 1, "all", "auto").fetch(query(3, 20));

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/?p=3&page_size=20");
        assertThat(onlyRequest().getHeader("New-Api-User")).isEqualTo("1");
    }

    @Test
    void pageSizeIsNeverSentAboveOneHundred() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 0))));

        source(wm.baseUrl(), "auto").fetch(query(1, 250));

        assertThat(onlyRequest().queryParameter("page_size").firstValue()).isEqualTo("100");
    }

    static Stream<Arguments> statusPushes() {
        return Stream.of(
                Arguments.of(Set.of(TaskStatus.RUNNING), "IN_PROGRESS"),
                Arguments.of(Set.of(TaskStatus.SUCCEEDED), "SUCCESS"),
                Arguments.of(Set.of(TaskStatus.FAILED), "FAILURE"),
                Arguments.of(Set.of(TaskStatus.RUNNING, TaskStatus.PAUSED), "IN_PROGRESS"),
                Arguments.of(Set.of(TaskStatus.PENDING), null),
                Arguments.of(Set.of(TaskStatus.UNKNOWN), null),
                Arguments.of(Set.of(TaskStatus.RUNNING, TaskStatus.FAILED), null),
                Arguments.of(Set.of(TaskStatus.FAILED, TaskStatus.UNKNOWN), null));
    }

    @ParameterizedTest(name = "{0} -> status={1}")
    @MethodSource("statusPushes")
    void statusIsPushedOnlyWhenItSelectsExactlyOneNativeValue(Set<TaskStatus> statuses, String pushed) {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 5))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(statuses, null, null, null));

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=1&page_size=100"
                + (pushed == null ? "" : "&status=" + pushed));
        assertThat(page.totalExact()).isEqualTo(pushed != null);
    }

    @Test
    void statusesWithNoNativeValueNeedNoCall() {
        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(TaskStatus.PAUSED, TaskStatus.STOPPED),
                null, null, null));

        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(page.tasks()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    @Test
    void createdUpperBoundIsPushedAsEndTimestampAndTheLowerOneStaysLocal() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 0))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(), null, Instant.ofEpochSecond(T),
                Instant.ofEpochSecond(T + 3600).minusNanos(1)));

        // end_timestamp bounds submit_time, stamped before created_at: every task created before the
        // bound is in the answer. A start_timestamp would hide tasks submitted before it, created after.
        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=1&page_size=100&end_timestamp=" + (T + 3599));
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void pushedFormKeepsOneNativeStatusAndTheUpperBoundOnly() {
        NewApiTaskSource source = source(wm.baseUrl(), "auto");

        UpstreamQuery pushed = source.pushed(new UpstreamQuery(Set.of(TaskStatus.FAILED), "suno",
                Instant.ofEpochSecond(T), Instant.ofEpochSecond(T + 10), 1, 500)).orElseThrow();
        UpstreamQuery pending = source.pushed(new UpstreamQuery(Set.of(TaskStatus.PENDING), null, null, null, 1, 100))
                .orElseThrow();

        assertThat(pushed).isEqualTo(new UpstreamQuery(Set.of(TaskStatus.FAILED), null, null,
                Instant.ofEpochSecond(T + 10), 1, 100));
        assertThat(pending.statuses()).as("three native values: answered locally").isEmpty();
        assertThat(source.pushed(new UpstreamQuery(Set.of(TaskStatus.PAUSED), null, null, null, 1, 100)))
                .as("new-api has no paused task: no call at all").isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void emptySecondRangeNeedsNoCall() {
        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(), null,
                Instant.ofEpochSecond(T, 200_000_000), Instant.ofEpochSecond(T, 800_000_000)));

        assertThat(wm.getAllServeEvents()).isEmpty();
        assertThat(page.tasks()).isEmpty();
    }

    @Test
    void fullyPushedQueryHasAnExactTotal() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 2, item("task_b", T + 1, "SUCCESS"),
                item("task_a", T, "SUCCESS")))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(TaskStatus.SUCCEEDED), null, null, null));

        assertThat(page.tasks()).extracting(t -> t.id().nativeId()).containsExactly("task_b", "task_a");
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isTrue();
    }

    /** new-api filters times on submit_time; createdAt is created_at, so its count is not ours. */
    @Test
    void timeBoundedQueryHasNoExactTotal() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 2, item("task_b", T + 1, "SUCCESS"),
                item("task_a", T, "FAILURE")))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(TaskStatus.SUCCEEDED), null,
                Instant.ofEpochSecond(T), Instant.ofEpochSecond(T + 10)));

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void nameFilterStaysLocalSoTheTotalIsNotExact() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 2))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(Set.of(), "suno", null, null));

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=1&page_size=100");
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void fullPageBeforeTheTotalIsNotLast() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 2, 3, item("task_c", T + 2, "SUCCESS"),
                item("task_b", T + 1, "SUCCESS")))));

        assertThat(source(wm.baseUrl(), "auto").fetch(query(1, 2)).last()).isFalse();
        assertThat(source(wm.baseUrl(), "auto").fetch(query(2, 2)).last()).as("2*2 >= total 3").isTrue();
    }

    @Test
    void pageSizeTheProviderAppliedDecidesWhetherAShortPageIsLast() {
        // A build without the page_size parameter answers its default 10 per page.
        ObjectNodes ten = ObjectNodes.of(10);
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 10, 25, ten.items()))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(1, 100));

        assertThat(page.tasks()).hasSize(10);
        assertThat(page.last()).isFalse();
    }

    /** GetAllTasks returns nil when its query fails and the controller still says success. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"success\":true,\"message\":\"\",\"data\":{\"page\":1,\"page_size\":100,\"total\":0,\"items\":null}}",
        "{\"success\":true,\"message\":\"\",\"data\":{\"page\":1,\"page_size\":100,\"total\":3}}"})
    void nullOrMissingItemsIsABadResponseNotAnEmptyPage(String body) {
        wm.stubFor(any(anyUrl()).willReturn(okJson(body)));

        assertThatThrownBy(() -> source(wm.baseUrl(), "auto").fetch(query(1, 100)))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void emptyItemsAreAnEmptyLastPage() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(
                "{\"success\":true,\"message\":\"\",\"data\":{\"page\":1,\"page_size\":100,\"total\":0,\"items\":[]}}")));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(1, 100));

        assertThat(page.tasks()).isEmpty();
        assertThat(page.last()).isTrue();
    }

    @Test
    void legacyShapeIsAskedForPageMinusOneAndHasNoTotal() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(legacy(item("task_b", T + 1, "SUCCESS"), item("task_a", T, "QUEUED")))));
        NewApiTaskSource source = source(wm.baseUrl(), "legacy");

        UpstreamPage page = source.fetch(query(3, 100));

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=2&page_size=100");
        assertThat(page.tasks()).hasSize(2);
        assertThat(page.total()).isNull();
        assertThat(page.totalExact()).isFalse();
        assertThat(page.last()).as("fewer than the legacy ten").isTrue();
        assertThat(source.detectedShape()).isEqualTo("legacy");
    }

    @Test
    void legacyPageOfTenIsNotLastWhateverPageSizeWasAsked() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(legacy(ObjectNodes.of(10).items()))));

        assertThat(source(wm.baseUrl(), "legacy").fetch(query(1, 100)).last()).isFalse();
    }

    @Test
    void autoDetectsTheLegacyShapeAndAsksAgainForTheRightPage() {
        wm.stubFor(get(urlPathEqualTo("/api/task/self")).willReturn(okJson(legacy(item("task_a", T, "SUCCESS")))));
        NewApiTaskSource source = source(wm.baseUrl(), "auto");
        assertThat(source.detectedShape()).isEqualTo("unknown");

        UpstreamPage first = source.fetch(query(1, 100));
        source.fetch(query(3, 100));

        assertThat(first.tasks()).hasSize(1);
        assertThat(source.detectedShape()).isEqualTo("legacy");
        assertThat(source.details()).isEqualTo(Map.of("apiShape", "auto", "detectedShape", "legacy"));
        assertThat(wm.getAllServeEvents()).extracting(e -> e.getRequest().queryParameter("p").firstValue())
                .as("newest first in WireMock's log").containsExactly("2", "0", "1");
    }

    @Test
    void autoFollowsAnUpgradeFromLegacyToCurrent() {
        wm.stubFor(get(urlPathEqualTo("/api/task/self")).willReturn(okJson(legacy(item("task_a", T, "SUCCESS")))));
        NewApiTaskSource source = source(wm.baseUrl(), "auto");
        source.fetch(query(1, 100));
        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/task/self")).willReturn(okJson(current(4, 100, 1000))));

        source.fetch(query(4, 100));

        assertThat(source.detectedShape()).isEqualTo("current");
        assertThat(wm.getAllServeEvents()).extracting(e -> e.getRequest().queryParameter("p").firstValue())
                .containsExactly("4", "3");
    }

    @Test
    void fixedCurrentShapeRefusesALegacyAnswer() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(legacy(item("task_a", T, "SUCCESS")))));

        assertThatThrownBy(() -> source(wm.baseUrl(), "current").fetch(query(1, 100)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
                    assertThat(e.getMessage()).contains("api-shape");
                });
    }

    @Test
    void gzippedAnswerIsDecoded() throws IOException {
        byte[] body = gzip(current(1, 100, 1, item("task_z", T, "IN_PROGRESS").put("progress", "45%")));
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("Content-Encoding", "gzip").withBody(body)));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(1, 100));

        assertThat(page.tasks()).singleElement().satisfies(t -> {
            assertThat(t.id().nativeId()).isEqualTo("task_z");
            assertThat(t.progress()).isEqualTo(45.0);
        });
    }

    @Test
    void findAsksForTheTaskIdAndReturnsItWithRaw() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 1, 1, item("task_Q7", T, "SUCCESS")))));

        Optional<Task> task = source(wm.baseUrl(), "auto").find("task_Q7");

        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=1&page_size=1&task_id=task_Q7");
        assertThat(task).get().satisfies(t -> assertThat(t.raw()).isNotNull());
    }

    @Test
    void findOnALegacyBuildAsksPageZero() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(legacy(item("task_Q7", T, "SUCCESS")))));

        assertThat(source(wm.baseUrl(), "legacy").find("task_Q7")).isPresent();
        assertThat(onlyRequest().getUrl()).isEqualTo("/api/task/self?p=0&page_size=1&task_id=task_Q7");
    }

    @Test
    void findIgnoresATaskWhoseIdMatchedOnlyCaseInsensitively() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 1, 1, item("TASK_q7", T, "SUCCESS")))));

        assertThat(source(wm.baseUrl(), "auto").find("task_Q7")).isEmpty();
    }

    @Test
    void findOfAMissingTaskIsEmpty() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 1, 0))));

        assertThat(source(wm.baseUrl(), "auto").find("task_nope")).isEmpty();
    }

    @Test
    void findOfAnIdNewApiCannotHoldMakesNoCall() {
        NewApiTaskSource source = source(wm.baseUrl(), "auto");

        assertThat(source.find("../api/user/self")).isEmpty();
        assertThat(source.find("a b")).isEmpty();
        assertThat(source.find("x".repeat(129))).isEmpty();
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void taskWithAnUnusableIdIsLeftOutOfTheList() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(current(1, 100, 2, item("task_ok", T, "SUCCESS"),
                item("bad/id", T, "SUCCESS")))));

        UpstreamPage page = source(wm.baseUrl(), "auto").fetch(query(1, 100));

        assertThat(page.tasks()).extracting(t -> t.id().nativeId()).containsExactly("task_ok");
    }

    private static LoggedRequest onlyRequest() {
        List<LoggedRequest> requests = wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** {@code n} distinct items, newest first. */
    private record ObjectNodes(ObjectNode[] items) {
        static ObjectNodes of(int n) {
            ObjectNode[] items = new ObjectNode[n];
            for (int i = 0; i < n; i++) {
                items[i] = item("task_" + i, T - i, "SUCCESS");
            }
            return new ObjectNodes(items);
        }
    }
}
