package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.testing.FakeTaskSource;
import dev.taskgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read model (DESIGN §7): one held read per list as the provider receives it serves every
 * query while fresh, stands in (STALE) when the provider fails, and is read on only for what is
 * not held. Time is a clock the tests move.
 */
class ReadModelTests {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes();
    private static final ReadPolicy POLICY = new ReadPolicy(Duration.ofSeconds(15), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(START);
    private final ExecutorService executor = new ContextCarrying(Executors.newCachedThreadPool());
    private final List<String> lookups = new ArrayList<>();
    private final CountDownLatch nineMisses = new CountDownLatch(9);
    private ReadCache reads = new ReadCache(100_000, clock, executor, (source, outcome) -> {
        synchronized (lookups) {
            lookups.add(outcome);
        }
        if (outcome.equals("miss")) {
            nineMisses.countDown();
        }
    });

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void everySearchOfAnUnorderedSourceIsAnsweredFromOneReadWhileFresh() {
        FakeTaskSource source = unordered("pc1", 250);
        TaskQueryEngine engine = engine(source);

        engine.list(query(TaskFilter.NONE, 20));
        int cold = source.calls();
        for (int i = 0; i < 200; i++) {
            engine.list(query(new TaskFilter(null, null, null, "zz" + i, null, null), 20));
        }
        engine.list(query(new TaskFilter(null, null, Set.of(TaskStatus.FAILED), null, null, null), 7));

        assertThat(cold).isEqualTo(3); // 250 tasks in pages of 100
        assertThat(source.calls()).isEqualTo(cold);
        assertThat(reads.entries("pc1")).isEqualTo(1);
        assertThat(reads.tasks("pc1")).isEqualTo(250);
    }

    /**
     * A list read before is read again in one wave: page 1 is asked together with the pages the last
     * read took, not first and alone (one round trip instead of two). Page 1 of the second read
     * waits for a later page to be asked; asked alone first, it would wait in vain.
     */
    @Test
    void aListReadBeforeIsReadAgainInOneWaveOfItsPages() throws Exception {
        AtomicBoolean again = new AtomicBoolean();
        CountDownLatch laterPageAsked = new CountDownLatch(1);
        AtomicBoolean pageOneSawALaterPage = new AtomicBoolean();
        FakeTaskSource source = unordered("pc1", 250).beforeFetch(q -> {
            if (!again.get()) {
                return;
            }
            if (q.page() > 1) {
                laterPageAsked.countDown();
            } else {
                try {
                    pageOneSawALaterPage.set(laterPageAsked.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 20));
        assertThat(source.calls()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(16));
        again.set(true);
        TaskPage page = engine.list(query(TaskFilter.NONE, 20));

        assertThat(pageOneSawALaterPage).isTrue();
        assertThat(source.calls()).isEqualTo(6);
        assertThat(page.page().total()).isEqualTo(250);
    }

    @Test
    void readOlderThanTheFreshTtlIsMadeAgain() {
        FakeTaskSource source = unordered("pc1", 10);
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));
        clock.advance(Duration.ofSeconds(14));
        engine.list(query(TaskFilter.NONE, 5));
        assertThat(source.calls()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        TaskPage page = engine.list(query(TaskFilter.NONE, 5));

        assertThat(source.calls()).isEqualTo(2);
        assertThat(page.sources().get(0).fetchedAt()).isEqualTo(START.plusSeconds(15));
        assertThat(lookups).containsExactly("miss", "hit", "miss");
    }

    @Test
    void failedReadIsAnsweredFromTheHeldOneFlaggedStaleWithItsAgeAndCause() {
        AtomicBoolean down = new AtomicBoolean();
        FakeTaskSource source = failingWhen(down, unordered("pc1", 10));
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));
        clock.advance(Duration.ofSeconds(95));
        down.set(true);

        TaskPage page = engine.list(query(TaskFilter.NONE, 5));

        assertThat(page.sources()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SourceState.STALE);
            assertThat(r.ageSeconds()).isEqualTo(95L);
            assertThat(r.fetchedAt()).isEqualTo(START);
            assertThat(r.error().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        });
        assertThat(page.items()).hasSize(5);
        assertThat(page.complete()).isFalse();
        assertThat(lookups).endsWith("stale");
    }

    @Test
    void pastTheStaleTtlAFailureIsAnError() {
        AtomicBoolean down = new AtomicBoolean();
        FakeTaskSource source = failingWhen(down, unordered("pc1", 10));
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));
        clock.advance(Duration.ofMinutes(10));
        down.set(true);

        TaskPage page = engine.list(query(TaskFilter.NONE, 5));

        assertThat(page.sources().get(0).state()).isEqualTo(SourceState.ERROR);
        assertThat(page.items()).isEmpty();
    }

    @Test
    void noCacheReadsAgainButIdenticalConcurrentReadsShareOneCall() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeTaskSource source = unordered("pc1", 10);
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));
        source.beforeFetch(q -> {
            entered.countDown();
            awaitQuietly(release);
        });

        List<Future<TaskPage>> pages = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pages.add(executor.submit(() -> {
                try (var scope = CallContext.open(CallContext.within(Duration.ofSeconds(20), true))) {
                    return engine.list(query(TaskFilter.NONE, 5));
                }
            }));
        }
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        // A miss is counted once the request has joined (or started) the load: all eight are waiting on it.
        assertThat(nineMisses.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        for (Future<TaskPage> page : pages) {
            assertThat(page.get(10, TimeUnit.SECONDS).items()).hasSize(5);
        }

        assertThat(source.calls()).isEqualTo(2); // the first read, then one shared by all eight
    }

    @Test
    void invalidationDropsTheSourcesReads() {
        FakeTaskSource source = unordered("pc1", 10);
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));

        reads.invalidate("pc1");
        engine.list(query(TaskFilter.NONE, 5));

        assertThat(source.calls()).isEqualTo(2);
        assertThat(reads.entries("pc1")).isEqualTo(1);
    }

    @Test
    void heldReadsStayWithinTheTaskBoundLeastRecentlyUsedFirst() {
        reads = new ReadCache(300, clock, executor, ReadCache.Listener.NONE);
        FakeTaskSource a = unordered("a", 200);
        FakeTaskSource b = unordered("b", 200);
        TaskQueryEngine engine = engine(a, b);

        engine.list(query(new TaskFilter(Set.of("a"), null, null, null, null, null), 5));
        engine.list(query(new TaskFilter(Set.of("b"), null, null, null, null, null), 5));

        assertThat(reads.weight()).isLessThanOrEqualTo(300);
        assertThat(reads.entries("a")).isZero();
        assertThat(reads.entries("b")).isEqualTo(1);
    }

    @Test
    void detailOfASourceThatOnlyScansComesFromTheHeldList() {
        FakeTaskSource source = scanning(unordered("nx", 120));
        TaskQueryEngine engine = engine(source);
        engine.list(query(TaskFilter.NONE, 5));
        int afterList = source.calls();

        Task task = engine.get(TaskId.of("nx", "77"));

        assertThat(task.raw()).isNotNull();
        assertThat(source.calls()).isEqualTo(afterList);
        assertThatThrownBy(() -> engine.get(TaskId.of("nx", "999"))).isInstanceOf(TaskNotFoundException.class);
        assertThat(source.calls()).isEqualTo(afterList);
    }

    @Test
    void providerRefusingAPageSizeIsReadAtASmallerOneFromThenOn() {
        List<Integer> asked = new ArrayList<>();
        FakeTaskSource source = unordered("ll", 40).beforeFetch(q -> {
            synchronized (asked) {
                asked.add(q.pageSize());
            }
            if (q.pageSize() > 25) {
                throw new SourceException(ErrorCode.UPSTREAM_REJECTED, "provider refused the request (HTTP 422)");
            }
        });
        TaskQueryEngine engine = engine(source);

        TaskPage page = engine.list(query(TaskFilter.NONE, 50));
        reads.invalidate("ll");
        engine.list(query(TaskFilter.NONE, 50));

        assertThat(page.items()).hasSize(40);
        assertThat(page.sources().get(0).state()).isEqualTo(SourceState.OK);
        assertThat(asked).containsExactly(100, 50, 25, 25, 25, 25);
    }

    @Test
    void walkOfANewestFirstSourceCostsAboutOneCallPerProviderPage() {
        FakeTaskSource source = newestFirst("newapi", 1_300);
        TaskQueryEngine engine = engine(source);

        List<Task> walked = new ArrayList<>();
        TaskQuery page = query(TaskFilter.NONE, 37);
        while (true) {
            TaskPage answer = engine.list(page);
            walked.addAll(answer.items());
            if (answer.page().next() == null) {
                break;
            }
            page = new TaskQuery(TaskFilter.NONE, 37, 1, new CursorCodec(SECRET).decode(answer.page().next(),
                    TaskFilter.NONE, 37), false);
        }

        assertThat(walked).hasSize(1_300).doesNotHaveDuplicates();
        assertThat(source.calls()).isLessThanOrEqualTo(13 + 2);
    }

    @Test
    void aNewestFirstListHeldToItsEndAnswersEveryFilterWithoutACall() {
        FakeTaskSource source = newestFirst("newapi", 300);
        TaskQueryEngine engine = engine(source);
        engine.list(new TaskQuery(TaskFilter.NONE, 100, 3, null, false)); // page 3 of 100 reads all 300
        int held = source.calls();

        engine.list(query(new TaskFilter(null, null, Set.of(TaskStatus.FAILED), null, null, null), 20));
        engine.list(query(new TaskFilter(null, null, null, "task 2", null, null), 20));
        TaskStats stats = new TaskStatistics(engine, executor, clock, Duration.ofSeconds(10)).stats(TaskFilter.NONE);

        assertThat(source.calls()).isEqualTo(held);
        assertThat(stats.total()).isEqualTo(300);
    }

    @Test
    void twoReplicasSharingReadsReadAListOnceOneWaitingForTheOther() throws Exception {
        InMemorySharedReads shared = new InMemorySharedReads();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeTaskSource source = unordered("pc1", 30).beforeFetch(q -> {
            entered.countDown();
            awaitQuietly(release);
        });
        ReadCache readsOfA = new ReadCache(100_000, clock, executor, ReadCache.Listener.NONE);
        ReadCache readsOfB = new ReadCache(100_000, clock, executor, ReadCache.Listener.NONE);
        readsOfA.share(shared);
        readsOfB.share(shared);
        reads = readsOfA;
        TaskQueryEngine a = engine(source);
        reads = readsOfB;
        TaskQueryEngine b = engine(source);

        Future<TaskPage> onA = executor.submit(() -> a.list(query(TaskFilter.NONE, 5)));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // A claimed the list and is reading it
        Future<TaskPage> onB = executor.submit(() -> b.list(query(TaskFilter.NONE, 5)));
        assertThat(shared.waitedFor.await(10, TimeUnit.SECONDS)).isTrue(); // B found A's claim and waits
        release.countDown();

        assertThat(onA.get(10, TimeUnit.SECONDS).items()).hasSize(5);
        assertThat(onB.get(10, TimeUnit.SECONDS).items()).extracting(Task::id)
                .isEqualTo(onA.get().items().stream().map(Task::id).toList());
        assertThat(source.calls()).as("one read for both replicas").isEqualTo(1);

        readsOfB.invalidate("pc1"); // an action (here or on another replica) makes the shared read out of date
        b.list(query(TaskFilter.NONE, 5));
        assertThat(source.calls()).isEqualTo(2);
    }

    /** Replicas' shared reads in memory, as Redis holds them; counts the claims that were refused. */
    private static final class InMemorySharedReads implements SharedReads {
        private final Map<ReadKey, ReadSnapshot> reads = new ConcurrentHashMap<>();
        private final Set<ReadKey> claims = ConcurrentHashMap.newKeySet();
        private final CountDownLatch waitedFor = new CountDownLatch(1);

        @Override
        public Optional<ReadSnapshot> get(ReadKey key) {
            return Optional.ofNullable(reads.get(key));
        }

        @Override
        public void put(ReadSnapshot read, Duration ttl) {
            reads.put(read.key(), read);
        }

        @Override
        public boolean claim(ReadKey key, Duration hold) {
            boolean mine = claims.add(key);
            if (!mine) {
                waitedFor.countDown();
            }
            return mine;
        }

        @Override
        public void release(ReadKey key) {
            claims.remove(key);
        }
    }

    // ---- helpers

    private TaskQueryEngine engine(FakeTaskSource... sources) {
        List<SourceRegistry.Entry> entries = new ArrayList<>();
        for (FakeTaskSource source : sources) {
            entries.add(new SourceRegistry.Entry(source, true, new SourceHealth(), POLICY));
        }
        return new TaskQueryEngine(new SourceRegistry(entries), executor, new CursorCodec(SECRET), clock,
                Duration.ofSeconds(10), reads);
    }

    private static TaskQuery query(TaskFilter filter, int size) {
        return new TaskQuery(filter, size, 1, null, false);
    }

    private static FakeTaskSource unordered(String id, int count) {
        return FakeTaskSource.builder(id).ordering(Ordering.UNORDERED).maxPageSize(100).pushes(Set.of()).build()
                .add(tasks(id, count));
    }

    private static FakeTaskSource newestFirst(String id, int count) {
        return FakeTaskSource.builder(id).maxPageSize(100).build().add(tasks(id, count));
    }

    /** {@code source}, answering 503 while {@code down} is set. */
    private static FakeTaskSource failingWhen(AtomicBoolean down, FakeTaskSource source) {
        return source.beforeFetch(q -> {
            if (down.get()) {
                throw new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "provider failed (HTTP 503)");
            }
        });
    }

    /** The same source, saying it can find a task only by scanning its list. */
    private static FakeTaskSource scanning(FakeTaskSource source) {
        source.findsByScanning(true);
        return source;
    }

    private static List<Task> tasks(String sourceId, int count) {
        List<Task> tasks = new ArrayList<>();
        TaskStatus[] statuses = TaskStatus.values();
        for (int i = 1; i <= count; i++) {
            tasks.add(FakeTaskSource.task(sourceId, "tikmatrix", Integer.toString(i), START.minusSeconds(i * 7L),
                    statuses[i % statuses.length], "task " + i));
        }
        return tasks;
    }

    /** Carries the caller's {@link CallContext} to the threads it runs work on, as the gateway's executor does. */
    private static final class ContextCarrying extends AbstractExecutorService {
        private final ExecutorService delegate;

        ContextCarrying(ExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable command) {
            CallContext context = CallContext.current();
            delegate.execute(() -> {
                try (var scope = CallContext.open(context)) {
                    command.run();
                }
            });
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
