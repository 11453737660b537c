package dev.taskgateway.providers.tikmatrix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.ActionNotSupportedException;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TikMatrix writes and counters over real HTTP: stop, retry and delete of one task, retry of
 * every failed task, create, and the status counts from {@code /api/v1/task/stats}
 * (task-management.md; the answers PROVIDER-NOTES §4.3a tells us to expect).
 */
class TikmatrixActionsTests {

    @RegisterExtension
    static final WireMockExtension PC = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String DONE = "{\"code\":0,\"message\":\"success\",\"data\":null}";

    private TikmatrixTaskSource source;

    @BeforeEach
    void setUp() {
        source = TikmatrixTestSources.source(PC.baseUrl(), ZoneOffset.UTC, Duration.ofSeconds(2));
    }

    @ParameterizedTest(name = "{0} posts once to /api/v1/task/5/{1}")
    @CsvSource({"STOP, stop", "RETRY, retry"})
    void stopAndRetryPostOnceToTheTasksOwnPath(TaskAction action, String verb) {
        PC.stubFor(post("/api/v1/task/5/" + verb).willReturn(okJson(DONE)));

        source.perform(action, "5");

        PC.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/task/5/" + verb)));
        assertThat(PC.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void deleteSendsOneDeleteForTheTask() {
        PC.stubFor(delete("/api/v1/task/5").willReturn(okJson(DONE)));

        source.perform(TaskAction.DELETE, "5");

        PC.verify(1, deleteRequestedFor(urlPathEqualTo("/api/v1/task/5")));
        assertThat(PC.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void actionTheTasksStateForbidsIsAConflictWithTheProvidersMessage() {
        PC.stubFor(post("/api/v1/task/5/stop").willReturn(okJson("{\"code\":40001,\"message\":\"task is not running\"}")));

        assertThatThrownBy(() -> source.perform(TaskAction.STOP, "5")).isInstanceOf(ActionConflictException.class)
                .hasMessageContaining("task is not running");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TaskAction.class, names = {"STOP", "RETRY", "DELETE"})
    void actionOnATaskThePcDoesNotHaveIsNotFound(TaskAction action) {
        PC.stubFor(post("/api/v1/task/5/" + action.wireName()).willReturn(aResponse().withStatus(404)
                .withBody("{\"code\":40401,\"message\":\"task not found\"}")));
        PC.stubFor(delete("/api/v1/task/5").willReturn(aResponse().withStatus(404)
                .withBody("{\"code\":40401,\"message\":\"task not found\"}")));

        assertThatThrownBy(() -> source.perform(action, "5")).isInstanceOfSatisfying(TaskNotFoundException.class,
                e -> assertThat(e.getMessage()).isEqualTo("source tm has no task 5"));
    }

    @ParameterizedTest(name = "native id \"{0}\"")
    @ValueSource(strings = {"stats", "batch", "retry-all", "5/stop", "../5", "-5", "1e3"})
    void actionOnAnIdThatIsNoTaskNumberIsNotFoundWithoutACall(String nativeId) {
        assertThatThrownBy(() -> source.perform(TaskAction.DELETE, nativeId)).isInstanceOf(TaskNotFoundException.class);

        assertThat(PC.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TaskAction.class, names = {"STOP", "RETRY", "DELETE"}, mode = EnumSource.Mode.EXCLUDE)
    void actionsTikmatrixDoesNotHaveAreNotSupportedAndCallNothing(TaskAction action) {
        assertThatThrownBy(() -> source.perform(action, "5")).isInstanceOf(ActionNotSupportedException.class);

        assertThat(PC.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        assertThat(source.info().actions()).doesNotContain(action);
    }

    @Test
    void retryOfEveryFailedTaskPostsRetryAllOnce() {
        PC.stubFor(post("/api/v1/task/retry-all").willReturn(okJson(DONE)));

        source.retryFailed();

        PC.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/task/retry-all")));
    }

    @Test
    void createSendsTheValidatedBodyAndAnswersTheNewIds() {
        PC.stubFor(post("/api/v1/task").willReturn(okJson(
                "{\"code\":0,\"message\":\"success\",\"data\":{\"task_ids\":[101,102],\"created_count\":2}}")));

        List<String> ids = source.create(Map.of("serials", List.of("R1", "R2"), "script_name", "post",
                "script_config", Map.of("captions", "hi")));

        assertThat(ids).containsExactly("101", "102");
        PC.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/task")).withRequestBody(equalToJson(
                "{\"serials\":[\"R1\",\"R2\"],\"script_name\":\"post\",\"script_config\":{\"captions\":\"hi\"}}")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\":0,\"data\":{\"created_count\":2}}", "{\"code\":0,\"data\":null}",
            "{\"code\":0,\"data\":{\"task_ids\":\"101\"}}"})
    void createAnswerWithoutTaskIdsIsABadResponseNotNothingCreated(String answer) {
        PC.stubFor(post("/api/v1/task").willReturn(okJson(answer)));

        assertThatThrownBy(() -> source.create(Map.of("serials", List.of("R1"), "script_name", "post",
                "script_config", Map.of()))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void createRefusedByTheProviderIsRejectedWithItsMessageNotAConflict() {
        PC.stubFor(post("/api/v1/task").willReturn(okJson("{\"code\":40003,\"message\":\"script not supported\"}")));

        assertThatThrownBy(() -> source.create(Map.of("serials", List.of("R1"), "script_name", "post",
                "script_config", Map.of()))).isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
                    assertThat(e.getMessage()).contains("script not supported");
                });
    }

    @Test
    void statsAnswerTheCountsAndWhatTheFourCountersMissIsUnknown() {
        stubStats("{\"code\":0,\"data\":{\"total\":10,\"pending\":1,\"running\":2,\"completed\":3,\"failed\":1}}");

        assertThat(source.counts(TaskFilter.NONE)).hasValue(Map.of(TaskStatus.PENDING, 1L, TaskStatus.RUNNING, 2L,
                TaskStatus.SUCCEEDED, 3L, TaskStatus.FAILED, 1L, TaskStatus.UNKNOWN, 3L));
    }

    @Test
    void statsForAStatusFilterKeepOnlyThoseStatuses() {
        stubStats("{\"code\":0,\"data\":{\"total\":10,\"pending\":1,\"running\":2,\"completed\":3,\"failed\":1}}");

        assertThat(source.counts(new TaskFilter(Set.of(), Set.of(), Set.of(TaskStatus.FAILED, TaskStatus.PAUSED),
                null, null, null))).hasValue(Map.of(TaskStatus.FAILED, 1L));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"name", "createdFrom", "createdTo"})
    void aFilterTheCountersCannotAnswerIsLeftToTheGatewayWithoutACall(String which) {
        Instant t = Instant.parse("2026-01-05T00:00:00Z");
        TaskFilter filter = new TaskFilter(Set.of(), Set.of(), Set.of(), which.equals("name") ? "post" : null,
                which.equals("createdFrom") ? t : null, which.equals("createdTo") ? t : null);

        assertThat(source.counts(filter)).isEmpty();
        assertThat(PC.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"code\":0,\"data\":null}", "{\"code\":0}", "{\"code\":0,\"data\":[1,2]}"})
    void statsWithoutCountersAreABadResponseNotZeroTasks(String answer) {
        stubStats(answer);

        assertThatThrownBy(() -> source.counts(TaskFilter.NONE)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    private static void stubStats(String answer) {
        PC.stubFor(get("/api/v1/task/stats").willReturn(okJson(answer)));
    }
}
