package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.FakeTaskSource;
import dev.taskgateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the read model plans its upstream pages when the provider caps the page size without a word
 * (Longlonglong's Laravel paginator at 50, legacy new-api builds at 10): the provider numbers its
 * pages by the length it sends, so the pages still to read are counted at that length, and read
 * in as few round trips as the count allows (issue 16, uncached fan-out; DESIGN §8).
 *
 * <p>Round trips are seen with a {@link Meeting}: the calls it admits wait for each other, so calls
 * asked in one wave all get through, and calls asked one after another never meet.
 */
class SourceReaderTests {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final ReadPolicy POLICY = new ReadPolicy(Duration.ofSeconds(15), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(START);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ReadCache reads = new ReadCache(100_000, clock, executor, ReadCache.Listener.NONE);
    private final AtomicReference<Meeting> meeting = new AtomicReference<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aSilentlyCappedUnorderedListIsReadInPagesOfTheCapPageOneThenAllTheRestAtOnce() {
        FakeTaskSource source = unordered("ll", 500, 100_000);
        TaskQueryEngine engine = engine(source);
        Meeting rest = meet(9, page -> page > 1);
        List<Integer> answeredBeforeLaterPages = new ArrayList<>();
        source.beforeFetch(q -> {
            if (q.page() > 1) {
                synchronized (answeredBeforeLaterPages) {
                    answeredBeforeLaterPages.add(source.calls());
                }
            }
            admit(q);
        });

        TaskPage page = engine.list(query(200));

        assertThat(source.calls()).as("500 tasks in pages of 50, though 100 are asked").isEqualTo(10);
        assertThat(pagesAsked(source)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(answeredBeforeLaterPages).as("page 1 first, alone").allMatch(answered -> answered >= 1);
        assertThat(rest.met()).as("pages 2..10 asked at once, not one by one").isTrue();
        assertThat(page.page().total()).isEqualTo(500);
        assertEveryTaskOnce(source, 500);
    }

    @Test
    void aSilentlyCappedListReadBeforeIsReadAgainInOneWaveOfItsPages() {
        FakeTaskSource source = unordered("ll", 500, 100_000);
        TaskQueryEngine engine = engine(source);
        engine.list(query(20));
        clock.advance(Duration.ofSeconds(16));
        Meeting all = meet(10, page -> true);

        engine.list(query(20));

        assertThat(all.met()).as("pages 1..10 in one wave").isTrue();
        assertThat(source.calls()).isEqualTo(20);
        assertEveryTaskOnce(source, 500);
    }

    @Test
    void pagesAListGrewByPastItsPlanAreReadInOneMoreWave() {
        FakeTaskSource source = unordered("ll", 500, 100_000);
        TaskQueryEngine engine = engine(source);
        engine.list(query(20));
        source.add(tasks("ll", 501, 600));
        clock.advance(Duration.ofSeconds(16));
        Meeting grown = meet(2, page -> page > 10);

        TaskPage page = engine.list(query(20));

        assertThat(grown.met()).as("pages 11 and 12 together, after the ten the plan knew").isTrue();
        assertThat(source.calls()).isEqualTo(10 + 12);
        assertThat(page.page().total()).isEqualTo(600);
        assertEveryTaskOnce(source, 600);
    }

    @Test
    void aSilentlyCappedListCutAtTheScanCapIsReadToTheCapInTwoRoundTripsThenOne() {
        FakeTaskSource source = unordered("ll", 500, 300);
        TaskQueryEngine engine = engine(source);
        Meeting rest = meet(5, page -> page > 1);

        TaskPage first = engine.list(query(20));
        clock.advance(Duration.ofSeconds(16));
        Meeting all = meet(6, page -> true);
        engine.list(query(20));

        assertThat(rest.met()).as("pages 2..6, the 300 tasks the cap allows, at once").isTrue();
        assertThat(all.met()).as("the six pages again, in one wave").isTrue();
        assertThat(source.calls()).isEqualTo(6 + 6);
        assertThat(first.sources().get(0).truncated()).isTrue();
        assertThat(reads.tasks("ll")).isEqualTo(300);
    }

    /** Legacy new-api builds send 10 a page whatever is asked: the run is counted in pages of 10. */
    @Test
    void aSilentlyCappedNewestFirstRunReadsThePagesAPageOfResultsNeedsAtOnce() {
        FakeTaskSource source = FakeTaskSource.builder("newapi").maxPageSize(100).silentCap(10).build()
                .add(tasks("newapi", 1, 200));
        TaskQueryEngine engine = engine(source);
        Meeting rest = meet(11, page -> page > 1);

        TaskPage page = engine.list(query(100));

        // 91 more matches and a tenth to spare (the oldest second read may still go on): 11 pages of 10
        assertThat(rest.met()).as("pages 2..12 at once, not one by one").isTrue();
        assertThat(source.calls()).isEqualTo(12);
        assertThat(page.items()).hasSize(100).doesNotHaveDuplicates();
        assertThat(page.page().total()).isEqualTo(200);
    }

    @Test
    void aSilentlyCappedNewestFirstListIsCountedInRoundTripsOfAsManyPagesAsItsTotalLeaves() {
        FakeTaskSource source = FakeTaskSource.builder("newapi").maxPageSize(100).silentCap(10).build()
                .add(tasks("newapi", 1, 200));
        TaskQueryEngine engine = engine(source);
        Meeting wave = meet(PagePlan.MAX_PARALLEL, page -> page > 1 && page <= 1 + PagePlan.MAX_PARALLEL);

        TaskStats stats = new TaskStatistics(engine, executor, clock, Duration.ofSeconds(10)).stats(TaskFilter.NONE);

        assertThat(wave.met()).as("pages 2..13 at once: the total says 19 are left").isTrue();
        assertThat(source.calls()).isEqualTo(20);
        assertThat(stats.total()).isEqualTo(200);
    }

    // ---- helpers

    /** From now on, calls for the pages {@code pages} accepts wait until {@code width} of them meet. */
    private Meeting meet(int width, IntPredicate pages) {
        Meeting next = new Meeting(width, pages);
        meeting.set(next);
        return next;
    }

    private void admit(UpstreamQuery query) {
        Meeting current = meeting.get();
        if (current != null) {
            current.admit(query.page());
        }
    }

    /**
     * Holds each call it admits until {@code width} calls have arrived. The wait is bounded (10 s, a
     * guard, not a measure): the first call to give up marks the meeting missed and lets every later
     * call straight through, so a reader that asks page by page fails the test instead of hanging it.
     */
    private static final class Meeting {
        private final CountDownLatch arrived;
        private final IntPredicate pages;
        private final AtomicBoolean missed = new AtomicBoolean();

        Meeting(int width, IntPredicate pages) {
            this.arrived = new CountDownLatch(width);
            this.pages = pages;
        }

        void admit(int page) {
            if (!pages.test(page)) {
                return;
            }
            arrived.countDown();
            if (missed.get()) {
                return;
            }
            try {
                if (!arrived.await(10, TimeUnit.SECONDS)) {
                    missed.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missed.set(true);
            }
        }

        /** True when every call it waited for arrived together. */
        boolean met() {
            return !missed.get() && arrived.getCount() == 0;
        }
    }

    private void assertEveryTaskOnce(FakeTaskSource source, int count) {
        HeldRead held = reads.get(SourceReader.baseKey(source));
        assertThat(held.sorted()).hasSize(count).doesNotHaveDuplicates();
        assertThat(held.sorted()).containsExactlyInAnyOrderElementsOf(source.tasks());
    }

    /** An engine reading only {@code source}, whose calls go through the current {@link Meeting}. */
    private TaskQueryEngine engine(FakeTaskSource source) {
        source.beforeFetch(this::admit);
        SourceRegistry registry = new SourceRegistry(List.of(new SourceRegistry.Entry(source, true,
                new SourceHealth(), POLICY)));
        return new TaskQueryEngine(registry, executor, new CursorCodec("source-reader-tests".getBytes()), clock,
                Duration.ofSeconds(30), reads);
    }

    private static TaskQuery query(int size) {
        return new TaskQuery(TaskFilter.NONE, size, 1, null, false);
    }

    private static List<Integer> pagesAsked(FakeTaskSource source) {
        return source.queries().stream().map(UpstreamQuery::page).toList();
    }

    /** An unordered provider that is asked 100 a page and sends 50, Longlonglong's simulator's cap. */
    private static FakeTaskSource unordered(String id, int count, int scanCap) {
        return FakeTaskSource.builder(id).ordering(Ordering.UNORDERED).maxPageSize(100).silentCap(50)
                .scanCap(scanCap).pushes(Set.of()).build().add(tasks(id, 1, count));
    }

    private static List<Task> tasks(String sourceId, int from, int to) {
        List<Task> tasks = new ArrayList<>();
        TaskStatus[] statuses = TaskStatus.values();
        for (int i = from; i <= to; i++) {
            tasks.add(FakeTaskSource.task(sourceId, "tikmatrix", Integer.toString(i), START.minusSeconds(i * 7L),
                    statuses[i % statuses.length], "task " + i));
        }
        return tasks;
    }
}
