package dev.taskgateway.providers.longlonglong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.ActionNotSupportedException;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskStatus;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding one task by scanning the list, and pausing it, against WireMock. */
class LonglonglongTaskSourceTests {

    @RegisterExtension
    static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String LIST_PATH = LonglonglongTestSupport.LIST_PATH;
    private static final String STOP_PATH = "/agent-api/new/user/" + LonglonglongTestSupport.USER_ID + "/task_stop/";
    private static final String SUB = "4e92e425-036e-4759-b594-ee6911605533";
    private static final String RUNNING = "0b6f3c1e-2a4d-4e8f-9b1a-3c5d7e9f1a2b";
    private static final String STOPPED = "1c7a4d2f-3b5e-4f90-8c2b-4d6e8f0a2b3c";
    private static final String PAUSED = "3e9c6f41-5d70-4b12-8e4d-6f80ab2c4d5e";
    private static final String ABNORMAL = "4fad7052-6e81-4c23-9f5e-7091bc3d5e6f";
    private static final String UNDOCUMENTED = "72d0a385-91b4-4f56-8c81-a3c4ef608192";
    private static final String MAIN_OWNED = "94f2c5a7-b3d6-4178-8ea3-c5e6a18203b4";
    private static final String UNKNOWN = "a503d6b8-c4e7-4289-9fb4-d6f7b2931405";

    @Test
    void infoSaysUnorderedOutboundCallsWithPauseAndNoPushedFilters() {
        SourceInfo info = source(10_000).info();

        assertThat(info.provider()).isEqualTo("longlonglong");
        assertThat(info.kind()).isEqualTo(TaskKind.OUTBOUND_CALL);
        assertThat(info.ordering()).isEqualTo(Ordering.UNORDERED);
        assertThat(info.maxPageSize()).as("more than the provider gives: its silent cap decides").isEqualTo(100);
        assertThat(info.pushedFilters()).isEmpty();
        assertThat(info.actions()).containsExactly(TaskAction.PAUSE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "not-a-uuid", "../../task/create?x=dc7dd781-6d8a-42b1-9402",
        "dc7dd781-6d8a-42b1-9402-6d57636a8513/x", "dc7dd781 6d8a 42b1 9402 6d57636a8513"})
    void findOfAnIdThatIsNoUuidAnswersEmptyWithoutACall(String nativeId) {
        assertThat(source(10_000).find(nativeId)).isEmpty();
        WIREMOCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void findScansPagesUntilTheTaskAppears() {
        servePages();

        Optional<Task> task = source(10_000).find(PAUSED);

        assertThat(task).map(Task::status).contains(TaskStatus.PAUSED);
        assertThat(task.get().raw()).isNotNull();
        WIREMOCK.verify(1, getRequestedFor(urlEqualTo(LIST_PATH + "?page=1&per_page=100")));
        WIREMOCK.verify(1, getRequestedFor(urlEqualTo(LIST_PATH + "?page=2&per_page=100")));
        WIREMOCK.verify(0, getRequestedFor(urlEqualTo(LIST_PATH + "?page=3&per_page=100")));
    }

    @Test
    void findIgnoresTheCaseOfTheId() {
        servePages();

        assertThat(source(10_000).find(RUNNING.toUpperCase())).map(t -> t.id().nativeId()).contains(RUNNING);
    }

    @Test
    void findOfAnUnknownTaskReadsToTheLastPageAndAnswersEmpty() {
        servePages();

        assertThat(source(10_000).find(UNKNOWN)).isEmpty();
        WIREMOCK.verify(3, getRequestedFor(urlPathEqualTo(LIST_PATH)));
    }

    @Test
    void findStopsAtTheScanCap() {
        servePages();

        assertThat(source(2).find(PAUSED)).isEmpty();
        WIREMOCK.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)));
    }

    @Test
    void pauseSendsOneEmptyPutNamingTheTasksSubAccount() {
        servePages();
        WIREMOCK.stubFor(put(urlPathMatching(STOP_PATH + ".*")).willReturn(success()));

        source(10_000).perform(TaskAction.PAUSE, STOPPED);

        WIREMOCK.verify(1, putRequestedFor(urlEqualTo(STOP_PATH + STOPPED + "?sub_user_id=" + SUB))
                .withHeader("Authorization", equalTo("Bearer " + LonglonglongTestSupport.TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Content-Length", equalTo("0")));
    }

    @Test
    void pauseOfAMainAccountTaskSendsNoSubUserId() {
        servePages();
        WIREMOCK.stubFor(put(urlPathMatching(STOP_PATH + ".*")).willReturn(success()));

        source(10_000).perform(TaskAction.PAUSE, MAIN_OWNED);

        WIREMOCK.verify(1, putRequestedFor(urlEqualTo(STOP_PATH + MAIN_OWNED)));
    }

    @ParameterizedTest
    @ValueSource(strings = {PAUSED, ABNORMAL, UNDOCUMENTED})
    void pauseOfATaskThatDoesNotOfferItConflictsWithoutAPut(String nativeId) {
        servePages();

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, nativeId))
                .isInstanceOf(ActionConflictException.class);
        WIREMOCK.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void pauseOfAnAlreadyPausedTaskSaysSo() {
        servePages();

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, PAUSED))
                .isInstanceOf(ActionConflictException.class).hasMessage("task is already paused");
    }

    @Test
    void pauseOfAnUnknownTaskIsNotFoundWithoutAPut() {
        servePages();

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, UNKNOWN))
                .isInstanceOf(TaskNotFoundException.class).hasMessageContaining(UNKNOWN);
        WIREMOCK.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void pauseOfAMalformedIdIsNotFoundWithoutAnyCall() {
        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, "../task/create"))
                .isInstanceOf(TaskNotFoundException.class);
        WIREMOCK.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http404", "code404"})
    void pauseThatTheProviderCannotFindIsNotFound(String variant) {
        servePages();
        String body = "{\"code\":404,\"status\":\"error\",\"message\":\"任务不存在\"}";
        WIREMOCK.stubFor(put(urlPathMatching(STOP_PATH + ".*"))
                .willReturn(aResponse().withStatus(variant.equals("http404") ? 404 : 200).withBody(body)));

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, RUNNING))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void failedPauseIsReportedAndNeverRetried() {
        servePages();
        WIREMOCK.stubFor(put(urlPathMatching(STOP_PATH + ".*")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, RUNNING))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE));
        WIREMOCK.verify(1, putRequestedFor(anyUrl()));
    }

    @Test
    void pauseRefusedByTheProviderIsRejectedWithItsMessage() {
        servePages();
        WIREMOCK.stubFor(put(urlPathMatching(STOP_PATH + ".*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"code\":422,\"status\":\"error\",\"message\":\"远程任务不存在\"}")));

        assertThatThrownBy(() -> source(10_000).perform(TaskAction.PAUSE, RUNNING))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
                    assertThat(e.getMessage()).contains("远程任务不存在");
                });
    }

    @ParameterizedTest
    @EnumSource(value = TaskAction.class, names = "PAUSE", mode = EnumSource.Mode.EXCLUDE)
    void otherActionsAreNotSupportedAndCallNothing(TaskAction action) {
        assertThatThrownBy(() -> source(10_000).perform(action, RUNNING))
                .isInstanceOf(ActionNotSupportedException.class).hasMessageContaining("supports: pause");
        WIREMOCK.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Three pages of three tasks at most; every state is somewhere. */
    private static void servePages() {
        page(1, item(RUNNING, SUB, "true", "{\"call_status\":true}"),
                item("5b1e0f3a-1111-4222-8333-944455566677", SUB, "true", "{\"call_status\":true}"));
        page(2, item(STOPPED, SUB, "1", "{\"call_status\":0}"), item(PAUSED, SUB, "false", "{\"call_status\":false}"),
                item(ABNORMAL, SUB, "true", "null"));
        page(3, item(UNDOCUMENTED, SUB, "false", "{\"call_status\":true}"),
                item(MAIN_OWNED, LonglonglongTestSupport.USER_ID, "true", "{\"call_status\":true}"));
    }

    private static void page(int number, String... items) {
        String body = "{\"code\":200,\"status\":\"success\",\"message\":\"ok\",\"meta\":{\"has_pages\":true,"
                + "\"total\":7,\"last_page\":3,\"current_page\":" + number + ",\"per_page\":\"3\"},\"data\":["
                + String.join(",", items) + "]}";
        WIREMOCK.stubFor(get(urlPathEqualTo(LIST_PATH)).withQueryParam("page", equalTo(Integer.toString(number)))
                .willReturn(aResponse().withStatus(200).withBody(body)));
    }

    private static String item(String uuid, String owner, String enable, String remote) {
        return "{\"uuid\":\"" + uuid + "\",\"user_id\":\"" + owner + "\",\"enable\":" + enable
                + ",\"new_task_extra\":" + remote + ",\"create_datetime\":\"2025-01-01 08:00:00\"}";
    }

    private static ResponseDefinitionBuilder success() {
        return aResponse().withStatus(200).withBody("{\"code\":200,\"status\":\"success\",\"message\":\"任务暂停成功\",\"data\":[]}");
    }

    private static LonglonglongTaskSource source(int scanCap) {
        return LonglonglongTestSupport.source("http://127.0.0.1:" + WIREMOCK.getPort(), scanCap, Map.of());
    }
}
