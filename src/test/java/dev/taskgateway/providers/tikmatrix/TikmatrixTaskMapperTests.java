package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

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
}
