package dev.taskgateway.providers.nxlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSchedule;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class NxlinkTaskMapperTests {

    private final NxlinkTaskMapper mapper = new NxlinkTaskMapper("nxlink-hk");

    /** DESIGN §4, one row per native value, then values NXLink does not document. */
    @ParameterizedTest(name = "taskStatus {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "1,    PENDING,   Ready,                          null",
        "2,    RUNNING,   In progress,                    null",
        "3,    SUCCEEDED, Completed,                      null",
        "4,    FAILED,    Failed,                         null",
        "5,    PAUSED,    Paused,                         null",
        "6,    PAUSED,    Paused (insufficient balance),  insufficient balance",
        "0,    UNKNOWN,   null,                           null",
        "7,    UNKNOWN,   null,                           null",
        "-1,   UNKNOWN,   null,                           null",
        "4294967297, UNKNOWN, null,                       null",
        "'\"2\"', RUNNING, In progress,                   null",
        "'\"x\"', UNKNOWN, null,                          null",
        "null, UNKNOWN,   null,                           null"})
    void nativeStatusMapsPerTheStatusTable(String json, TaskStatus status, String label, String reason) {
        Task task = mapper.toTask(node("{\"taskId\":\"52145b00-abc9-4a87-94c2-ed1e1e42ec1c\",\"taskStatus\":" + json + "}"));

        assertThat(task.status()).isEqualTo(status);
        assertThat(task.nativeStatusLabel()).isEqualTo(label);
        assertThat(task.statusReason()).isEqualTo(reason);
    }

    @Test
    void nativeStatusIsKeptAsTextEvenWhenUnreadable() {
        assertThat(mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":\"2\"}")).nativeStatus()).isEqualTo("2");
        assertThat(mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":\"draft\"}")).nativeStatus()).isEqualTo("draft");
        assertThat(mapper.toTask(node("{\"taskId\":\"t\"}")).nativeStatus()).isNull();
    }

    @Test
    void pausedWithAPauseReasonShowsItsCode() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":5,\"pauseReason\":2}"));

        assertThat(task.statusReason()).isEqualTo("pause reason 2");
    }

    @Test
    void pausedForBalanceSaysSoWhateverThePauseReason() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":6,\"pauseReason\":2}"));

        assertThat(task.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(task.statusReason()).isEqualTo("insufficient balance");
    }

    @Test
    void pauseReasonOfATaskThatIsNotPausedIsIgnored() {
        assertThat(mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":2,\"pauseReason\":1}")).statusReason()).isNull();
    }

    /** Without the counters, dialProgress in each format it may come in: "35", "35%" or a 0..1 fraction. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "'\"12.5\"', 12.5", "'\"37.5%\"', 37.5", "'\" 8 \"', 8.0", "42, 42.0", "'\"35\"', 35.0",
        "'\"35%\"', 35.0", "'\"0.35\"', 35.0", "0.125, 12.5", "'\"0.5%\"', 0.5", "'\"1\"', 100.0", "'\"0\"', 0.0",
        "'\"130\"', null", "'\"-3\"', null", "null, null", "'\"\"', null", "'\"n/a\"', null"})
    void dialProgressIsReadAsPercentOrFractionWhenTheCountersAreMissing(String json, Double progress) {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"statInfo\":{\"dialProgress\":" + json + "}}"));

        assertThat(task.progress()).isEqualTo(progress);
    }

    /** The vendor defines dialProgress as dialed orders / total orders: the counters win over the string. */
    @ParameterizedTest(name = "{0} of {1} dialled, dialProgress {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
        "150, 1200, '\"0.125\"', 12.5", "30, 90, '\"33.3\"', 33.33", "1, 3, null, 33.33", "80, 80, '\"1\"', 100.0",
        "0, 0, '\"130\"', null", "0, 500, '\"50\"', 0.0", "600, 500, null, 100.0",
        "40, 4294967296, '\"35\"', 35.0", "4294967296, 500, '\"20%\"', 20.0"})
    void progressIsDialedOverTotalOrdersWhenBothAreThere(String dialed, String total, String dialProgress, Double progress) {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"statInfo\":{\"dialedOrderCount\":" + dialed
                + ",\"totalOrderCount\":" + total + ",\"dialProgress\":" + dialProgress + "}}"));

        assertThat(task.progress()).isEqualTo(progress);
    }

    @Test
    void countersPastTheIntRangeAreLeftOutNotWrapped() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":4294967298,"
                + "\"statInfo\":{\"totalOrderCount\":4294967296,\"dialedOrderCount\":\"99999999999999999999\","
                + "\"answerOrderCount\":7}}"));

        assertThat(task.status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(task.nativeStatusLabel()).isNull();
        assertThat(task.metrics()).containsOnly(Map.entry("answeredOrders", 7));
    }

    @Test
    void missingStatInfoGivesNoProgressAndNoMetrics() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":2}"));

        assertThat(task.progress()).isNull();
        assertThat(task.metrics()).isEmpty();
    }

    @Test
    void metricsComeFromTheStatInfoCountersThatArePresent() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"statInfo\":{\"totalOrderCount\":120,"
                + "\"dialedOrderCount\":60,\"answerOrderCount\":20,\"finishOrderCount\":50,\"totalCallCount\":\"75\","
                + "\"answerCallCount\":22,\"totalCallElapsed\":900,\"answerRate\":\"29.33\"}}"));

        assertThat(task.metrics()).containsOnly(
                Map.entry("totalOrders", 120), Map.entry("dialedOrders", 60),
                Map.entry("answeredOrders", 20), Map.entry("finishedOrders", 50),
                Map.entry("totalCalls", 75), Map.entry("answeredCalls", 22));
    }

    @Test
    void timesAreUnixSecondsAndZeroOrNullMeansNone() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"createTs\":1731663717}"));

        assertThat(task.createdAt()).isEqualTo(Instant.parse("2024-11-15T09:41:57Z"));
        assertThat(mapper.toTask(node("{\"taskId\":\"t\",\"createTs\":0}")).createdAt()).isNull();
    }

    /** startupAt/shutdownAt are the scheduled start and pause "when startupType = 2": a plan, never a start. */
    @Test
    void scheduledStartAndPauseAreTheScheduleNotStartedOrFinished() {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"taskStatus\":3,\"startupType\":2,"
                + "\"startupAt\":\"1731581880\",\"shutdownAt\":1731600000}"));

        assertThat(task.schedule()).isEqualTo(new TaskSchedule(Instant.parse("2024-11-14T10:58:00Z"),
                Instant.parse("2024-11-14T16:00:00Z")));
        assertThat(task.startedAt()).isNull();
        assertThat(task.finishedAt()).isNull();
    }

    @ParameterizedTest(name = "startupType {0}")
    @CsvSource(nullValues = "null", value = {"1", "3", "0", "null"})
    void startupAtOfAnotherStartupTypeIsNoSchedule(String startupType) {
        Task task = mapper.toTask(node("{\"taskId\":\"t\",\"startupType\":" + startupType
                + ",\"startupAt\":1731581880,\"shutdownAt\":null}"));

        assertThat(task.schedule()).isNull();
        assertThat(task.startedAt()).isNull();
    }

    @Test
    void scheduleWithNeitherTimeIsNull() {
        assertThat(mapper.toTask(node("{\"taskId\":\"t\",\"startupType\":2,\"startupAt\":null,"
                + "\"shutdownAt\":0}")).schedule()).isNull();
    }

    @Test
    void identityNameOwnerAndKindComeFromTheDocumentedFields() {
        Task task = mapper.toTask(node("{\"id\":74,\"taskId\":\"52145b00-abc9-4a87-94c2-ed1e1e42ec1c\","
                + "\"saasUserId\":203,\"taskName\":\"update_task_name_xxx1\",\"taskDesc\":\"\"}"));

        assertThat(task.id().toString()).isEqualTo("nxlink-hk:52145b00-abc9-4a87-94c2-ed1e1e42ec1c");
        assertThat(task.provider()).isEqualTo("nxlink");
        assertThat(task.kind()).isEqualTo(TaskKind.OUTBOUND_CALL);
        assertThat(task.name()).isEqualTo("update_task_name_xxx1");
        assertThat(task.description()).isNull();
        assertThat(task.owner()).isEqualTo("203");
        assertThat(task.actions()).isEmpty();
        assertThat(task.raw()).isInstanceOf(RawJson.class);
    }

    @Test
    void numericIdStandsInWhenTaskIdIsMissingOrBlank() {
        assertThat(mapper.toTask(node("{\"id\":74}")).id().nativeId()).isEqualTo("74");
        assertThat(mapper.toTask(node("{\"id\":\"75\",\"taskId\":\" \"}")).id().nativeId()).isEqualTo("75");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"taskId\":null,\"id\":null}", "{\"taskId\":\"\",\"id\":\"abc\"}"})
    void aTaskWithoutAnyIdIsRefused(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> mapper.toTask(node(json)));
    }

    @Test
    void unifiedStatusesTurnIntoTheNativeValuesTheyStandFor() {
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.PENDING)).containsExactly(1);
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.RUNNING)).containsExactly(2);
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.SUCCEEDED)).containsExactly(3);
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.FAILED)).containsExactly(4);
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.PAUSED)).containsExactlyInAnyOrder(5, 6);
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.STOPPED)).isEmpty();
        assertThat(NxlinkTaskMapper.nativeStatuses(TaskStatus.UNKNOWN)).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TaskStatus.class, names = {"PENDING", "RUNNING", "SUCCEEDED", "FAILED", "PAUSED"})
    void everyNativeValueOfAStatusMapsBackToIt(TaskStatus status) {
        Set<Integer> natives = NxlinkTaskMapper.nativeStatuses(status);

        assertThat(natives).allSatisfy(n -> assertThat(NxlinkTaskMapper.status(n)).isEqualTo(status));
    }

    private static JsonNode node(String json) {
        return LenientJson.MAPPER.readTree(json);
    }
}
