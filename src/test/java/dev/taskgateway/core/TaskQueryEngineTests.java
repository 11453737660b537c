package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.testing.FakeTaskSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TaskQueryEngineTests {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final byte[] SECRET = "engine-tests-secret!".getBytes(StandardCharsets.UTF_8);
    private static final TaskQuery FIRST_PAGE = new TaskQuery(TaskFilter.NONE, 20, 1, null, false);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void shutDownExecutor() {
        never.countDown(); // frees any thread the engine left blocked after its deadline
        executor.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void failingSourceIsReportedWithTheStateOfItsErrorAndOthersAreStillServed(ErrorCode code) {
        FakeTaskSource failing = source("failing", 3).beforeFetch(q -> {
            throw new SourceException(code, "upstream said no", 30L, null);
        });
        FakeTaskSource healthy = source("healthy", 3);
        SourceRegistry registry = registry(failing, healthy);

        TaskPage page = engine(registry, Duration.ofSeconds(8)).list(FIRST_PAGE);

        assertThat(page.items()).extracting(t -> t.id().source()).containsOnly("healthy").hasSize(3);
        assertThat(report(page, "failing")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(code.state());
            assertThat(r.error().code()).isEqualTo(code);
            assertThat(r.error().message()).isEqualTo("upstream said no");
            assertThat(r.error().retryAfterSeconds()).isEqualTo(30L);
        });
        assertThat(report(page, "healthy").state()).isEqualTo(SourceState.OK);
        assertThat(page.complete()).isFalse();
        assertThat(page.page().totalExact()).isFalse();
        assertThat(page.anyAnswered()).isTrue();
        assertThat(registry.find("failing").orElseThrow().health().snapshot())
                .isEqualTo(new SourceHealth.Snapshot(null, NOW, code));
        assertThat(registry.find("healthy").orElseThrow().health().snapshot().lastSuccess()).isEqualTo(NOW);
    }

    @Test
    void errorCodesMapToTheSourceStatesOfTheContract() {
        assertThat(Arrays.stream(ErrorCode.values()).collect(Collectors.toMap(c -> c, ErrorCode::state)))
                .isEqualTo(Map.of(
                        ErrorCode.UPSTREAM_TIMEOUT, SourceState.TIMEOUT,
                        ErrorCode.UPSTREAM_UNAVAILABLE, SourceState.ERROR,
                        ErrorCode.UPSTREAM_BAD_RESPONSE, SourceState.ERROR,
                        ErrorCode.UPSTREAM_AUTH_FAILED, SourceState.ERROR,
                        ErrorCode.UPSTREAM_RATE_LIMITED, SourceState.RATE_LIMITED,
                        ErrorCode.UPSTREAM_REJECTED, SourceState.ERROR,
                        ErrorCode.CIRCUIT_OPEN, SourceState.CIRCUIT_OPEN));
    }

    @Test
    void sourceBlockedPastTheDeadlineReportsTimeoutAndTheAnswerStillComes() {
        FakeTaskSource stuck = source("stuck", 3).beforeFetch(q -> awaitUninterruptibly(never));
        FakeTaskSource healthy = source("healthy", 3);

        TaskPage page = engine(registry(stuck, healthy), Duration.ofMillis(200)).list(FIRST_PAGE);

        assertThat(report(page, "stuck")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(SourceState.TIMEOUT);
            assertThat(r.error().code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
            assertThat(r.error().message()).contains("200 ms");
        });
        assertThat(page.items()).hasSize(3);
        assertThat(page.complete()).isFalse();
    }

    @Test
    void unexpectedExceptionFromAnAdapterIsABadResponseNotACrash() {
        FakeTaskSource broken = source("broken", 3).beforeFetch(q -> {
            throw new IllegalStateException("Cannot deserialize value of type `int` from String \"abc\"");
        });
        FakeTaskSource healthy = source("healthy", 2);

        TaskPage page = engine(registry(broken, healthy), Duration.ofSeconds(8)).list(FIRST_PAGE);

        assertThat(report(page, "broken")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(SourceState.ERROR);
            assertThat(r.error().code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
            assertThat(r.error().message()).as("the adapter's text stays in the log").doesNotContain("abc");
        });
        assertThat(page.items()).hasSize(2);
    }

    @Test
    void sourcesLeftOutBySourceOrProviderFilterAreSkippedAndNotCalled() {
        FakeTaskSource hk = FakeTaskSource.builder("nxlink-hk").provider("nxlink").build().add(tasks("nxlink-hk", "nxlink", 2));
        FakeTaskSource us = FakeTaskSource.builder("nxlink-us").provider("nxlink").build().add(tasks("nxlink-us", "nxlink", 2));
        FakeTaskSource pc1 = FakeTaskSource.builder("tikmatrix-pc1").build().add(tasks("tikmatrix-pc1", "tikmatrix", 2));
        TaskQueryEngine engine = engine(registry(hk, us, pc1), Duration.ofSeconds(8));
        TaskFilter onlyNxlink = new TaskFilter(null, Set.of("nxlink"), null, null, null, null);
        TaskFilter onlyHk = new TaskFilter(Set.of("nxlink-hk"), null, null, null, null, null);

        TaskPage byProvider = engine.list(new TaskQuery(onlyNxlink, 20, 1, null, false));
        TaskPage bySource = engine.list(new TaskQuery(onlyHk, 20, 1, null, false));

        assertThat(report(byProvider, "tikmatrix-pc1")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(SourceState.SKIPPED);
            assertThat(r.error()).isNull();
            assertThat(r.latencyMs()).isNull();
        });
        assertThat(byProvider.items()).hasSize(4);
        assertThat(byProvider.complete()).as("skipped sources do not make an answer incomplete").isTrue();
        assertThat(bySource.sources()).extracting(SourceReport::id, SourceReport::state).containsExactly(
                Tuple.tuple("nxlink-hk", SourceState.OK),
                Tuple.tuple("nxlink-us", SourceState.SKIPPED),
                Tuple.tuple("tikmatrix-pc1", SourceState.SKIPPED));
        assertThat(pc1.calls()).isZero();
        assertThat(us.calls()).isEqualTo(1);
    }

    @Test
    void disabledSourcesAreNeitherCalledNorReported() {
        FakeTaskSource on = source("on", 2);
        FakeTaskSource off = source("off", 2);
        SourceRegistry registry = new SourceRegistry(List.of(
                new SourceRegistry.Entry(on, true, new SourceHealth()),
                new SourceRegistry.Entry(off, false, new SourceHealth())));

        TaskPage page = engine(registry, Duration.ofSeconds(8)).list(FIRST_PAGE);

        assertThat(page.sources()).extracting(SourceReport::id).containsExactly("on");
        assertThat(off.calls()).isZero();
    }

    @Test
    void fanOutAsksAllSourcesAtOnce() {
        CyclicBarrier allThree = new CyclicBarrier(3);
        Consumer<UpstreamQuery> meetTheOthers = q -> {
            try {
                allThree.await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "the others never came: " + e);
            }
        };
        FakeTaskSource a = source("a", 1).beforeFetch(meetTheOthers);
        FakeTaskSource b = source("b", 1).beforeFetch(meetTheOthers);
        FakeTaskSource c = source("c", 1).beforeFetch(meetTheOthers);

        TaskPage page = engine(registry(a, b, c), Duration.ofSeconds(8)).list(FIRST_PAGE);

        assertThat(page.sources()).extracting(SourceReport::state).containsOnly(SourceState.OK);
        assertThat(page.items()).hasSize(3);
    }

    @Test
    void whenEverySourceFailsThePageIsEmptyAndSaysNobodyAnswered() {
        FakeTaskSource down = source("down", 2).beforeFetch(q -> {
            throw new SourceException(ErrorCode.CIRCUIT_OPEN, "circuit open");
        });

        TaskPage page = engine(registry(down), Duration.ofSeconds(8)).list(FIRST_PAGE);

        assertThat(page.items()).isEmpty();
        assertThat(page.anyAnswered()).isFalse();
        assertThat(page.complete()).isFalse();
        assertThat(page.page().next()).isNull();
    }

    @Test
    void rawRecordIsDroppedUnlessAskedFor() {
        TaskQueryEngine engine = engine(registry(source("src", 2)), Duration.ofSeconds(8));

        assertThat(engine.list(FIRST_PAGE).items()).allSatisfy(t -> assertThat(t.raw()).isNull());
        assertThat(engine.list(new TaskQuery(TaskFilter.NONE, 20, 1, null, true)).items())
                .allSatisfy(t -> assertThat(t.raw()).isNotNull());
    }

    @Test
    void getReturnsTheTaskWithItsRawRecord() {
        TaskQueryEngine engine = engine(registry(source("src", 3)), Duration.ofSeconds(8));

        Task task = engine.get(TaskId.of("src", "2"));

        assertThat(task.id()).isEqualTo(TaskId.of("src", "2"));
        assertThat(task.raw()).isNotNull();
    }

    @Test
    void getOfAMissingTaskOrUnknownSourceSaysWhich() {
        TaskQueryEngine engine = engine(registry(source("src", 3)), Duration.ofSeconds(8));

        assertThatThrownBy(() -> engine.get(TaskId.of("src", "404"))).isInstanceOf(TaskNotFoundException.class);
        assertThatThrownBy(() -> engine.get(TaskId.of("nope", "1"))).isInstanceOf(UnknownSourceException.class);
    }

    @Test
    void getFromAFailingSourceThrowsItsSourceException() {
        FakeTaskSource fake = source("src", 1);
        TaskSource failing = new TaskSource() {
            @Override
            public SourceInfo info() {
                return fake.info();
            }

            @Override
            public UpstreamPage fetch(UpstreamQuery query) {
                return fake.fetch(query);
            }

            @Override
            public Optional<Task> find(String nativeId) {
                throw new IllegalStateException("bad json");
            }
        };
        TaskQueryEngine engine = engine(new SourceRegistry(List.of(new SourceRegistry.Entry(failing, true,
                new SourceHealth()))), Duration.ofSeconds(8));

        assertThatThrownBy(() -> engine.get(TaskId.of("src", "1"))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    // ---- helpers

    private TaskQueryEngine engine(SourceRegistry registry, Duration deadline) {
        return new TaskQueryEngine(registry, executor, new CursorCodec(SECRET), CLOCK, deadline);
    }

    private static SourceRegistry registry(FakeTaskSource... sources) {
        return new SourceRegistry(Arrays.stream(sources)
                .map(s -> new SourceRegistry.Entry(s, true, new SourceHealth())).toList());
    }

    private static FakeTaskSource source(String id, int tasks) {
        return FakeTaskSource.builder(id).build().add(tasks(id, "tikmatrix", tasks));
    }

    private static List<Task> tasks(String sourceId, String provider, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tasks.add(FakeTaskSource.task(sourceId, provider, Integer.toString(i), NOW.minusSeconds(i),
                    TaskStatus.RUNNING, "task " + i));
        }
        return tasks;
    }

    private static SourceReport report(TaskPage page, String id) {
        return page.sources().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    /** Blocks like a hung socket read: interruption (the engine cancelling) does not end it. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
