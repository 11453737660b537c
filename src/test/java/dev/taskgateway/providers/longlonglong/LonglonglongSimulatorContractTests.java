package dev.taskgateway.providers.longlonglong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.LonglonglongSimulator;
import dev.taskgateway.demo.SimulatorServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the Longlonglong simulator over real HTTP, alone and behind the engine. */
class LonglonglongSimulatorContractTests {

    private static final int TASKS = 260;
    private static final LocalDateTime NEWEST = LocalDateTime.of(2025, 3, 10, 8, 0, 0);

    private SimulatorServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @BeforeEach
    void start() {
        server = SimulatorServer.start("longlonglong", 0, Faults.NONE, new LonglonglongSimulator(TASKS, 7,
                LonglonglongTestSupport.TOKEN, LonglonglongTestSupport.USER_ID, NEWEST));
    }

    @AfterEach
    void stop() {
        server.close();
        executor.shutdownNow();
    }

    @Test
    void engineWalksEveryTaskNewestFirstThroughTheSilentPerPageCap() {
        TaskQueryEngine engine = engine(source(Map.of()));
        List<Task> walked = walk(engine, TaskFilter.NONE, 100);

        assertThat(walked).hasSize(TASKS);
        assertThat(walked.stream().map(Task::id).distinct()).hasSize(TASKS);
        assertThat(walked).isSortedAccordingTo(Task.ORDER);
        assertThat(walked.get(0).createdAt()).isEqualTo(Instant.parse("2025-03-10T00:00:00Z"));
        TaskPage first = engine.list(new TaskQuery(TaskFilter.NONE, 100, 1, null, false));
        assertThat(first.page().total()).isEqualTo(TASKS);
        assertThat(first.page().totalExact()).isTrue();
        // 100 asked a page by default, 50 sent: the fewest calls the cap allows (DESIGN §8), not one per 15
        int pages = (TASKS + LonglonglongSimulator.MAX_PER_PAGE - 1) / LonglonglongSimulator.MAX_PER_PAGE;
        assertThat(server.answered(200)).isEqualTo(pages);
    }

    @Test
    void everyDerivedStatusComesThroughWithItsReasonAndActions() {
        List<Task> tasks = walk(engine(source(Map.of())), TaskFilter.NONE, 200);

        Set<TaskStatus> statuses = tasks.stream().map(Task::status).collect(Collectors.toSet());
        assertThat(statuses).containsExactlyInAnyOrderElementsOf(EnumSet.of(TaskStatus.RUNNING, TaskStatus.PAUSED,
                TaskStatus.STOPPED, TaskStatus.FAILED, TaskStatus.UNKNOWN));
        for (Task task : tasks) {
            switch (task.status()) {
                case STOPPED -> assertThat(task.statusReason()).isNotBlank();
                case FAILED -> assertThat(task.statusReason()).startsWith("abnormal task");
                default -> assertThat(task.statusReason()).isNull();
            }
            assertThat(task.actions().contains(TaskAction.PAUSE))
                    .isEqualTo(task.status() == TaskStatus.RUNNING || task.status() == TaskStatus.STOPPED);
            assertThat(task.owner()).isNotEqualTo(LonglonglongTestSupport.USER_ID);
            // The label names the derived state (none for a state the docs have no row for), whatever
            // status_str says; the campaign window is a schedule, never a start or finish.
            assertThat(task.nativeStatusLabel()).isEqualTo(LonglonglongTaskMapper.label(task.nativeStatus()));
            assertThat(task.nativeStatusLabel() == null).isEqualTo(task.status() == TaskStatus.UNKNOWN);
            assertThat(task.startedAt()).isNull();
            assertThat(task.finishedAt()).isNull();
        }
        assertThat(tasks).anySatisfy(t -> assertThat(t.schedule()).isNotNull())
                .allSatisfy(t -> {
                    if (t.schedule() != null) {
                        assertThat(t.schedule().start()).isBefore(t.schedule().end());
                    }
                });
        assertThat(tasks.stream().map(Task::owner).distinct().count()).isGreaterThan(1);
    }

    @Test
    void pushedNameFilterLosesNoTaskTheGatewayWouldShow() {
        TaskFilter promo = new TaskFilter(null, null, null, "PROMO", null, null);

        List<Task> local = walk(engine(source(Map.of())), promo, 50);
        List<Task> pushed = walk(engine(source(Map.of("push-name-filter", "true"))), promo, 50);

        assertThat(local).isNotEmpty().allSatisfy(t -> assertThat(t.name()).containsIgnoringCase("promo"));
        assertThat(pushed).isEqualTo(local);
    }

    @Test
    void pushedNameFilterNarrowsWhatTheProviderSends() {
        LonglonglongTaskSource source = source(Map.of("push-name-filter", "true"));

        var page = source.fetch(new UpstreamQuery(null, "promo", null, null, 1, 100));

        assertThat(page.tasks()).isNotEmpty().allSatisfy(t -> assertThat(t.name()).containsIgnoringCase("promo"));
        assertThat(page.total()).isLessThan(TASKS);
    }

    @Test
    void pausingARunningTaskPausesItUpstreamOnce() {
        LonglonglongTaskSource source = source(Map.of());
        Task running = first(source, TaskStatus.RUNNING);

        source.perform(TaskAction.PAUSE, running.id().nativeId());

        Task after = source.find(running.id().nativeId()).orElseThrow();
        assertThat(after.status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(after.nativeStatus()).isEqualTo("enable=false,call_status=false");
        assertThat(after.actions()).isEmpty();
        assertThatThrownBy(() -> source.perform(TaskAction.PAUSE, running.id().nativeId()))
                .isInstanceOf(ActionConflictException.class);
    }

    @Test
    void pausingAStoppedTaskPausesIt() {
        LonglonglongTaskSource source = source(Map.of());
        Task stopped = first(source, TaskStatus.STOPPED);

        source.perform(TaskAction.PAUSE, stopped.id().nativeId());

        assertThat(source.find(stopped.id().nativeId()).map(Task::status)).contains(TaskStatus.PAUSED);
    }

    @Test
    void pausingAnUnknownTaskIsNotFound() {
        assertThatThrownBy(() -> source(Map.of()).perform(TaskAction.PAUSE, "a503d6b8-c4e7-4289-9fb4-d6f7b2931405"))
                .isInstanceOf(TaskNotFoundException.class);
    }

    @Test
    void wrongTokenIsAnAuthFailureThatDoesNotEchoIt() {
        LonglonglongTaskSource source = source(Map.of("token", "wrong-token-5e1f9c"));

        assertThatThrownBy(() -> source.fetch(new UpstreamQuery(null, null, null, null, 1, 100)))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
                    assertThat(e.getMessage()).doesNotContain("wrong-token-5e1f9c");
                });
    }

    @Test
    void anotherMainAccountIsAnAuthFailure() {
        LonglonglongTaskSource source = source(Map.of("user-id", "00000000-0000-4000-8000-000000000000"));

        assertThatThrownBy(() -> source.fetch(new UpstreamQuery(null, null, null, null, 1, 100)))
                .isInstanceOfSatisfying(SourceException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED));
    }

    private Task first(LonglonglongTaskSource source, TaskStatus status) {
        return walk(engine(source), new TaskFilter(null, null, Set.of(status), null, null, null), 200).get(0);
    }

    /** Follows {@code next} from page 1 to the end. */
    private List<Task> walk(TaskQueryEngine engine, TaskFilter filter, int size) {
        CursorCodec cursors = codec();
        List<Task> all = new ArrayList<>();
        TaskPage page = engine.list(new TaskQuery(filter, size, 1, null, false));
        Set<String> seen = new HashSet<>();
        while (true) {
            assertThat(page.complete()).isTrue();
            all.addAll(page.items());
            if (page.page().next() == null || !seen.add(page.page().next())) {
                return all;
            }
            page = engine.list(new TaskQuery(filter, size, 1, cursors.decode(page.page().next(), filter, size), false));
        }
    }

    private TaskQueryEngine engine(LonglonglongTaskSource source) {
        SourceRegistry registry = new SourceRegistry(List.of(new SourceRegistry.Entry(source, true, new SourceHealth())));
        return new TaskQueryEngine(registry, executor, codec(), Clock.systemUTC(), Duration.ofSeconds(8));
    }

    private static CursorCodec codec() {
        return new CursorCodec("longlonglong-contract-tests".getBytes(StandardCharsets.UTF_8));
    }

    private LonglonglongTaskSource source(Map<String, String> keys) {
        return LonglonglongTestSupport.source(server.baseUrl(), 10_000, keys);
    }
}
