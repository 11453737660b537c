package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TikmatrixTaskMapperTests {

    private final TikmatrixTaskMapper mapper = new TikmatrixTaskMapper("tm", ZoneId.of("Asia/Shanghai"));

    /** DESIGN §4: 0/1/2/3 as number or numeric string; everything else UNKNOWN. */
    @ParameterizedTest(name = "status {0} -> {1}")
    @CsvSource({
            "0, PENDING", "1, RUNNING", "2, SUCCEEDED", "3, FAILED",
            "'\"0\"', PENDING", "'\"1\"', RUNNING", "'\"2\"', SUCCEEDED", "'\"3\"', FAILED",
            "4, UNKNOWN", "-1, UNKNOWN", "'\"running\"', UNKNOWN", "null, UNKNOWN", "'\"\"', UNKNOWN",
            // Past the int range: 4294967297 wraps to 1, 4294967298 to 2 - an unknown value, never a valid one.
            "4294967297, UNKNOWN", "'\"4294967298\"', UNKNOWN", "-4294967296, UNKNOWN", "1.5, UNKNOWN",
            "99999999999999999999999, UNKNOWN", "'\"1e999999999\"', UNKNOWN"})
    void nativeStatusMapsPerTheStatusTable(String nativeJson, TaskStatus expected) {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":" + nativeJson + "}");
        assertThat(mapper.toTask(node).status()).isEqualTo(expected);
    }

    @Test
    void zoneLessTimesAreReadInTheSourceZone() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":0,\"created_at\":\"2024-09-02 21:45:18\"}");
        assertThat(mapper.toTask(node).createdAt()).isEqualTo(Instant.parse("2024-09-02T13:45:18Z"));
    }

    @Test
    void failedTaskCarriesItsErrorAsReasonAndOffersRetry() {
        var node = LenientJson.MAPPER.readTree("{\"id\":9,\"status\":3,\"error\":\"device offline\"}");
        var task = mapper.toTask(node);
        assertThat(task.statusReason()).isEqualTo("device offline");
        assertThat(task.actions()).containsExactly(TaskAction.RETRY, TaskAction.DELETE);
    }

    @Test
    void runningTaskCanBeStoppedButNotRetried() {
        assertThat(TikmatrixTaskMapper.actions(TaskStatus.RUNNING)).containsExactly(TaskAction.STOP, TaskAction.DELETE);
        assertThat(TikmatrixTaskMapper.actions(TaskStatus.SUCCEEDED)).containsExactly(TaskAction.DELETE);
    }

    @Test
    void retryCountPastTheIntRangeIsLeftOutNotWrapped() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":0,\"retry_count\":4294967298}");
        assertThat(mapper.toTask(node).metrics()).isEmpty();
    }

    @Test
    void pendingTasksStartTimeIsItsPlanNotAStart() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":0,\"start_time\":\"2026-01-05 09:00:00\","
                + "\"end_time\":\"2026-01-05 09:10:00\"}");
        var task = mapper.toTask(node);
        assertThat(task.startedAt()).isNull();
        assertThat(task.finishedAt()).isNull();
        assertThat(task.schedule().start()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
    }

    @Test
    void retriedTaskBackInPendingDropsTheTimesOfItsLastRun() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":0,\"retry_count\":1,"
                + "\"started_at\":\"2026-01-05 09:00:00\",\"finished_at\":\"2026-01-05 09:10:00\"}");
        var task = mapper.toTask(node);
        assertThat(task.startedAt()).isNull();
        assertThat(task.finishedAt()).isNull();
        assertThat(task.schedule()).isNull();
    }

    @Test
    void runningTaskHasAStartButNoFinish() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":1,\"start_time\":\"2026-01-05 09:00:00\","
                + "\"end_time\":\"2026-01-05 09:10:00\"}");
        var task = mapper.toTask(node);
        assertThat(task.startedAt()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
        assertThat(task.finishedAt()).isNull();
        assertThat(task.schedule()).isNull();
    }

    @Test
    void assumedNamesWinOverTheDesktopOnes() {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":2,\"started_at\":\"2026-01-05 09:00:00\","
                + "\"start_time\":\"2026-01-05 08:00:00\",\"finished_at\":\"2026-01-05 09:10:00\","
                + "\"end_time\":\"2026-01-05 08:10:00\"}");
        var task = mapper.toTask(node);
        assertThat(task.startedAt()).isEqualTo(Instant.parse("2026-01-05T01:00:00Z"));
        assertThat(task.finishedAt()).isEqualTo(Instant.parse("2026-01-05T01:10:00Z"));
    }

    @Test
    void unifiedStatusesWithANativeValueArePushedUpstream() {
        assertThat(TikmatrixTaskMapper.nativeStatus(TaskStatus.PENDING)).isZero();
        assertThat(TikmatrixTaskMapper.nativeStatus(TaskStatus.FAILED)).isEqualTo(3);
        assertThat(TikmatrixTaskMapper.nativeStatus(TaskStatus.PAUSED)).isNull();
    }

    /** The two switches of the mapper, read and push, must be one table: each pushed value reads back as its status. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(TaskStatus.class)
    void everyStatusSentUpstreamReadsBackAsItself(TaskStatus status) {
        Integer sent = TikmatrixTaskMapper.nativeStatus(status);

        if (EnumSet.of(TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.SUCCEEDED, TaskStatus.FAILED).contains(status)) {
            assertThat(TikmatrixTaskMapper.status(sent)).isEqualTo(status);
        } else {
            assertThat(sent).as("TikMatrix has no %s", status).isNull();
        }
    }

    @ParameterizedTest(name = "status {0}: label {1}")
    @CsvSource({"0, pending", "1, running", "2, completed", "3, failed", "7, ", "'\"2\"', completed"})
    void labelIsTheDocumentedNameOfTheNativeStatus(String nativeJson, String label) {
        var node = LenientJson.MAPPER.readTree("{\"id\":1,\"status\":" + nativeJson + "}");
        assertThat(mapper.toTask(node).nativeStatusLabel()).isEqualTo(label);
    }

    @Test
    void unreadableStatusIsUnknownAndKeptAsSent() {
        var task = mapper.toTask(LenientJson.MAPPER.readTree("{\"id\":1,\"status\":\"running\"}"));
        assertThat(task.status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(task.nativeStatus()).isEqualTo("running");
        assertThat(task.actions()).containsExactly(TaskAction.DELETE);
    }

    @Test
    void ownerIsTheAccountElseTheDeviceAndTheNameIsTheScriptOnIt() {
        var onAccount = mapper.toTask(LenientJson.MAPPER.readTree(
                "{\"id\":1,\"status\":1,\"script_name\":\"follow\",\"serial\":\"R58M1\",\"username\":\"shop_anna\"}"));
        var onDevice = mapper.toTask(LenientJson.MAPPER.readTree(
                "{\"id\":2,\"status\":1,\"script_name\":\"follow\",\"serial\":\"R58M1\",\"username\":\" \"}"));
        var noScript = mapper.toTask(LenientJson.MAPPER.readTree("{\"id\":3,\"status\":1,\"serial\":\"R58M1\"}"));

        assertThat(onAccount.owner()).isEqualTo("shop_anna");
        assertThat(onAccount.name()).isEqualTo("follow @ shop_anna");
        assertThat(onDevice.owner()).isEqualTo("R58M1");
        assertThat(onDevice.name()).isEqualTo("follow @ R58M1");
        assertThat(noScript.name()).isNull();
        assertThat(onAccount.kind()).isEqualTo(TaskKind.DEVICE_AUTOMATION);
        assertThat(onAccount.id().toString()).isEqualTo("tm:1");
    }

    @Test
    void onlyAFailedTaskCarriesItsErrorAndOnlyACompletedOneIsAtFullProgress() {
        var running = mapper.toTask(LenientJson.MAPPER.readTree("{\"id\":1,\"status\":1,\"error\":\"stale text\"}"));
        var completed = mapper.toTask(LenientJson.MAPPER.readTree("{\"id\":2,\"status\":2,\"error\":\"stale text\"}"));

        assertThat(running.statusReason()).isNull();
        assertThat(running.progress()).isNull();
        assertThat(completed.statusReason()).isNull();
        assertThat(completed.progress()).isEqualTo(100.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"status\":1}", "{\"id\":null,\"status\":1}", "{\"id\":\"abc\",\"status\":1}"})
    void taskWithoutAUsableIdIsRefused(String json) {
        assertThatThrownBy(() -> mapper.toTask(LenientJson.MAPPER.readTree(json)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
