package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.FakeTaskSource;
import dev.taskgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Change detection over the read model, with a fake source that counts its calls and a clock the
 * tests move. Ticks run their reads on the calling thread, so every assertion follows a finished tick.
 */
class TaskChangesTests {

    private static final Instant START = Instant.parse("2026-01-31T12:00:00Z");
    private static final Duration FRESH = Duration.ofSeconds(15);
    private static final Duration LINGER = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(START);
    private final ExecutorService loads = Executors.newCachedThreadPool();
    private final ReadCache reads = new ReadCache(100_000, clock, loads, ReadCache.Listener.NONE);

    @AfterEach
    void stop() {
        loads.shutdownNow();
    }

    @Test
    void withoutSubscribersTicksCostNoUpstreamCall() {
        FakeTaskSource source = unordered("tik", 30);
        TaskChanges changes = changes(source, 100);

        for (int i = 0; i < 5; i++) {
            clock.advance(FRESH);
            changes.tick();
        }

        assertThat(source.calls()).isZero();
        assertThat(changes.watched()).isZero();
    }

    @Test
    void manySubscribersShareOneReadPerFreshTtlAndEachSeesTheChange() throws Exception {
        FakeTaskSource source = unordered("tik", 30);
        TaskChanges changes = changes(source, 100);
        List<TaskChanges.Subscription> subscribers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            subscribers.add(changes.subscribe(TaskFilter.NONE, null));
        }
        int baseline = source.calls();

        changes.tick(); // still fresh: nothing read
        Task before = source.find("3").orElseThrow();
        source.replace(before.toBuilder().status(TaskStatus.FAILED).progress(40.0).build());
        clock.advance(FRESH);
        changes.tick();
        changes.tick();

        assertThat(baseline).isEqualTo(1); // the first subscriber's baseline read
        assertThat(source.calls()).isEqualTo(2);
        for (TaskChanges.Subscription subscriber : subscribers) {
            TaskChanges.Next next = subscriber.next(Duration.ZERO);
            assertThat(next.changes()).singleElement().satisfies(change -> {
                assertThat(change.type()).isEqualTo(TaskChange.Type.CHANGED);
                assertThat(change.task().status()).isEqualTo(TaskStatus.FAILED);
                assertThat(change.previousStatus()).isEqualTo(before.status());
                assertThat(change.task().raw()).isNull();
            });
        }
    }

    @Test
    void createdAndRemovedTasksAreChangesAndFiltersSeeATaskLeaveThem() throws Exception {
        FakeTaskSource source = unordered("tik", 10);
        TaskChanges changes = changes(source, 100);
        TaskFilter running = new TaskFilter(null, null, Set.of(TaskStatus.RUNNING), null, null, null);
        TaskChanges.Subscription all = changes.subscribe(TaskFilter.NONE, null);
        TaskChanges.Subscription onlyRunning = changes.subscribe(running, null);
        Task leaving = source.find("2").orElseThrow().toBuilder().status(TaskStatus.RUNNING).build();
        source.replace(leaving);
        clock.advance(FRESH);
        changes.tick();
        all.next(Duration.ZERO);
        onlyRunning.next(Duration.ZERO);

        source.add(List.of(FakeTaskSource.task("tik", "tikmatrix", "99", START.plusSeconds(5), TaskStatus.PENDING,
                "new")));
        source.remove(TaskId.of("tik", "7"));
        source.replace(leaving.toBuilder().status(TaskStatus.SUCCEEDED).build());
        clock.advance(FRESH);
        changes.tick();

        assertThat(all.next(Duration.ZERO).changes()).extracting(c -> c.type() + " " + c.task().id().nativeId())
                .containsExactly("CREATED 99", "CHANGED 2", "REMOVED 7");
        assertThat(onlyRunning.next(Duration.ZERO).changes()).extracting(c -> c.task().id().nativeId())
                .containsExactly("2");
    }

    @Test
    void aSourceIsWatchedUntilLingerAfterItsLastSubscriberLeftThenCostsNothing() {
        FakeTaskSource source = unordered("tik", 30);
        TaskChanges changes = changes(source, 100);
        changes.subscribe(TaskFilter.NONE, null).close();

        clock.advance(LINGER);
        changes.tick();
        int calls = source.calls();
        clock.advance(FRESH);
        changes.tick();

        assertThat(changes.watched()).isZero();
        assertThat(source.calls()).isEqualTo(calls);
    }

    @Test
    void resumingWithinRetentionReplaysBeyondItResyncs() throws Exception {
        FakeTaskSource source = unordered("tik", 30);
        TaskChanges changes = changes(source, 3);
        TaskChanges.Subscription first = changes.subscribe(TaskFilter.NONE, null);
        change(source, "1");
        clock.advance(FRESH);
        changes.tick();
        String seen = changes.id(first.next(Duration.ZERO).changes().get(0).sequence());
        change(source, "2");
        change(source, "3");
        clock.advance(FRESH);
        changes.tick();

        TaskChanges.Next resumed = changes.subscribe(TaskFilter.NONE, seen).next(Duration.ZERO);
        change(source, "4");
        change(source, "5");
        clock.advance(FRESH);
        changes.tick();
        TaskChanges.Next tooLate = changes.subscribe(TaskFilter.NONE, seen).next(Duration.ZERO);

        assertThat(resumed.changes()).extracting(c -> c.task().id().nativeId()).containsExactly("2", "3");
        assertThat(tooLate.resync()).contains("retention");
    }

    private static void change(FakeTaskSource source, String nativeId) {
        Task task = source.find(nativeId).orElseThrow();
        source.replace(task.toBuilder().progress(task.progress() == null ? 1.0 : task.progress() + 1).build());
    }

    private TaskChanges changes(FakeTaskSource source, int retention) {
        SourceRegistry registry = new SourceRegistry(List.of(new SourceRegistry.Entry(source, true,
                new SourceHealth(), new ReadPolicy(FRESH, Duration.ofMinutes(10)))));
        TaskQueryEngine engine = new TaskQueryEngine(registry, loads, new CursorCodec("0123456789abcdef".getBytes()),
                clock, Duration.ofSeconds(10), reads);
        return new TaskChanges(engine, reads, clock, Runnable::run, Duration.ofSeconds(10), retention, LINGER);
    }

    private static FakeTaskSource unordered(String id, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tasks.add(FakeTaskSource.task(id, "tikmatrix", Integer.toString(i), START.minusSeconds(i * 7L),
                    TaskStatus.PENDING, "task " + i));
        }
        return FakeTaskSource.builder(id).ordering(Ordering.UNORDERED).maxPageSize(100).pushes(Set.of()).build()
                .add(tasks);
    }
}
