package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.testing.FakeTaskSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredTaskSourceTests {

    private static final UpstreamQuery QUERY = new UpstreamQuery(null, null, null, null, 1, 100);

    private final FakeTaskSource upstream = FakeTaskSource.of("src", "fake");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LatencyWindow latencies = new LatencyWindow();
    private final MeteredTaskSource source = new MeteredTaskSource(upstream, meters, latencies);

    @Test
    void everyUpstreamCallIsTimedByOutcome() {
        source.fetch(QUERY);
        upstream.always(RetryingTaskSourceTests.failure(ErrorCode.UPSTREAM_TIMEOUT, null));
        assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOf(SourceException.class);

        assertThat(timerCount("success")).isEqualTo(1);
        assertThat(timerCount("timeout")).isEqualTo(1);
        assertThat(latencies.percentile(0.5)).isNotNull();
    }

    @Test
    void tasksWithUnknownStatusAreCountedByNativeValue() {
        upstream.always(FakeTaskSource.page("src", TaskStatus.UNKNOWN, TaskStatus.RUNNING, TaskStatus.UNKNOWN));

        source.fetch(QUERY);

        assertThat(meters.get("taskgateway.tasks.unknown.status").tag("source", "src").tag("provider", "fake")
                .tag("native", "7").counter().count()).isEqualTo(2);
    }

    @Test
    void theNativeTagOfUnknownStatusesIsBoundedAndLaterValuesCountAsOther() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            tasks.add(Task.builder(TaskId.of("src", Integer.toString(i)), "fake", TaskKind.DEVICE_AUTOMATION)
                    .status(TaskStatus.UNKNOWN).nativeStatus("status-" + i)
                    .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build());
        }
        upstream.always(new UpstreamPage(tasks, 100L, true, true));

        source.fetch(QUERY);
        source.fetch(QUERY);

        var counters = meters.find("taskgateway.tasks.unknown.status").counters();
        assertThat(counters).hasSize(MeteredTaskSource.MAX_NATIVE_VALUES + 1);
        assertThat(counters.stream().mapToDouble(c -> c.count()).sum()).isEqualTo(200);
        assertThat(meters.get("taskgateway.tasks.unknown.status").tag("native", "other").counter().count())
                .isEqualTo(160);
        assertThat(meters.get("taskgateway.tasks.unknown.status").tag("native", "status-1").counter().count())
                .isEqualTo(2);
    }

    @Test
    void latencyWindowGivesNearestRankPercentilesOfItsLastCalls() {
        LatencyWindow window = new LatencyWindow();
        for (int i = 1; i <= 300; i++) {
            window.record(i);
        }
        // the window keeps the last 256: 45..300
        assertThat(window.percentile(0.5)).isEqualTo(172);
        assertThat(window.percentile(0.95)).isEqualTo(288);
    }

    private long timerCount(String outcome) {
        return meters.get("taskgateway.upstream.requests").tag("outcome", outcome).tag("source", "src").timer().count();
    }
}
