package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.testing.FakeTaskSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK 17 fan-out pool: bounded, and no deadlock however the work nests. */
class BoundedPoolTests {

    private static final Instant NOW = Instant.parse("2026-02-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final BoundedPool pool = new BoundedPool(2, "test-fan-out");
    private final ExecutorService callers = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        pool.shutdownNow();
        callers.shutdownNow();
    }

    /**
     * Six concurrent requests, each a fan-out over four sources whose full reads take 40 pages
     * each: requests wait on sources, sources on cache loads, loads on page reads, all on a pool of
     * two threads. A deadlock would end in TIMEOUT reports at the (generous) deadline.
     */
    @Test
    void fullReadsWaitingOnPageReadsFinishOnAPoolOfTwoThreads() throws Exception {
        List<SourceRegistry.Entry> entries = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            FakeTaskSource source = FakeTaskSource.builder(id).ordering(Ordering.UNORDERED).maxPageSize(10).build();
            source.add(tasks(id, 400));
            entries.add(new SourceRegistry.Entry(source, true, new SourceHealth()));
        }
        TaskQueryEngine engine = new TaskQueryEngine(new SourceRegistry(entries), pool,
                new CursorCodec("bounded-pool-test-secret".getBytes()), CLOCK, Duration.ofSeconds(60),
                new ReadCache(1_000_000, CLOCK, pool, ReadCache.Listener.NONE));

        List<Future<TaskPage>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int size = 10 + i; // different queries, same reads: loads are shared, merges are not
            requests.add(callers.submit(() -> engine.list(new TaskQuery(TaskFilter.NONE, size, 1, null, false))));
        }

        for (Future<TaskPage> request : requests) {
            TaskPage page = request.get();
            assertThat(page.sources()).extracting(SourceReport::state).containsOnly(SourceState.OK);
            assertThat(page.page().total()).isEqualTo(1600);
        }
        assertThat(pool.getLargestPoolSize()).isLessThanOrEqualTo(2);
    }

    @Test
    void workThatFindsEveryThreadBusyRunsOnTheThreadThatSubmittedIt() throws Exception {
        BoundedPool one = new BoundedPool(1, "test-one");
        CountDownLatch release = new CountDownLatch(1);
        try {
            one.execute(() -> awaitQuietly(release));
            AtomicReference<Thread> ranOn = new AtomicReference<>();

            one.execute(() -> ranOn.set(Thread.currentThread()));

            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
            assertThat(one.getPoolSize()).isEqualTo(1);
        } finally {
            release.countDown();
            one.shutdownNow();
        }
    }

    @Test
    void aPoolThatIsShutDownRefusesWorkInsteadOfDroppingIt() {
        pool.shutdown();

        assertThatThrownBy(() -> pool.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    /** Tomcat counts a thread whose context loader is the web app's as leaked by it, and warns at shutdown. */
    @Test
    void threadsCarryTheApplicationsClassLoaderNotTheSubmittersContextLoader() throws Exception {
        ClassLoader webApp = new ClassLoader(getClass().getClassLoader()) { };
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        Thread submitter = new Thread(() -> {
            try {
                pool.submit(() -> seen.set(Thread.currentThread().getContextClassLoader())).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        submitter.setContextClassLoader(webApp);
        submitter.start();
        submitter.join();

        assertThat(seen.get()).isSameAs(BoundedPool.class.getClassLoader()).isNotSameAs(webApp);
    }

    @Test
    void aPoolOfNoThreadsIsRefused() {
        assertThatThrownBy(() -> new BoundedPool(0, "none")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Task> tasks(String id, int count) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            tasks.add(FakeTaskSource.task(id, "tikmatrix", Integer.toString(i), NOW.minusSeconds(i),
                    TaskStatus.RUNNING, "task " + i));
        }
        return tasks;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
