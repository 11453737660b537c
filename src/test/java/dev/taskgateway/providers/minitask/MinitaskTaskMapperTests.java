package dev.taskgateway.providers.minitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Minitask's status table and job mapping. */
class MinitaskTaskMapperTests {

    private final MinitaskTaskMapper mapper = new MinitaskTaskMapper("mini");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "queued, PENDING", "working, RUNNING", "done, SUCCEEDED", "broken, FAILED",
            "archived, UNKNOWN", "-, UNKNOWN"})
    void statusTable(String state, TaskStatus status) {
        assertThat(MinitaskTaskMapper.status(state)).isEqualTo(status);
    }

    @Test
    void aJobMapsToATaskOfItsSource() {
        Task task = mapper.toTask(LenientJson.parseObject(("{\"ref\":\"job-7\",\"title\":\"Job 7\",\"state\":\"broken\","
                + "\"created\":\"2026-03-01T12:00:00+08:00\"}").getBytes()));

        assertThat(task.id().toString()).isEqualTo("mini:job-7");
        assertThat(task.provider()).isEqualTo("minitask");
        assertThat(task.name()).isEqualTo("Job 7");
        assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.nativeStatus()).isEqualTo("broken");
        assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-03-01T04:00:00Z"));
    }

    @Test
    void aJobWithoutARefCannotBeATask() {
        assertThatThrownBy(() -> mapper.toTask(LenientJson.parseObject("{\"title\":\"x\"}".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
