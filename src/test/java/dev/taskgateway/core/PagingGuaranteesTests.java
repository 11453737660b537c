package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.FakeTaskSource;
import dev.taskgateway.testing.Seeds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The six paging guarantees of DESIGN §5, each checked over random worlds ({@link RandomWorld}):
 * 0 to 4 sources of either ordering, 0 to 300 tasks each, random page sizes and filters.
 * Failures name their seed; {@code new RandomWorld(seed)} replays one.
 */
class PagingGuaranteesTests {

    static final byte[] SECRET = "paging-guarantees-test-secret".getBytes(StandardCharsets.UTF_8);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CursorCodec codec = new CursorCodec(SECRET);

    @AfterEach
    void shutDownExecutor() {
        executor.shutdownNow();
    }

    /** 195 fixed seeds and 5 new ones per run ({@link Seeds}). */
    static LongStream seeds() {
        return Seeds.fixedThenFresh(195);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cursorWalkReturnsEveryMatchingTaskOnceInOrder(long seed) {
        RandomWorld world = walked(seed).world();
        List<Task> expected = world.expected();

        List<Step> walk = walked(seed).walk();

        assertThat(ids(items(walk))).as("%s", world).containsExactlyElementsOf(ids(expected));
        for (int i = 0; i < walk.size() - 1; i++) {
            assertThat(walk.get(i).page().items()).as("page %d of a walk that goes on is full; %s", i + 1, world)
                    .hasSize(world.size);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pageNumberReturnsTheSameItemsAsThatStepOfTheWalk(long seed) {
        RandomWorld world = walked(seed).world();
        List<Step> walk = walked(seed).walk();
        TaskQueryEngine engine = engine(world);

        for (int number : pageNumbersToCheck(walk.size() + 1, world)) {
            TaskPage page = engine.list(new TaskQuery(world.filter, world.size, number, null, false));
            List<Task> step = number <= walk.size() ? walk.get(number - 1).page().items() : List.of();
            assertThat(ids(page.items())).as("page %d; %s", number, world).containsExactlyElementsOf(ids(step));
            assertThat(page.page().number()).isEqualTo(number);
            boolean stepHasNext = number <= walk.size() && walk.get(number - 1).page().page().next() != null;
            assertThat(page.page().next() != null).as("next of page %d; %s", number, world).isEqualTo(stepHasNext);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactTotalIsTheLengthOfTheWalk(long seed) {
        RandomWorld world = walked(seed).world();
        List<Step> walk = walked(seed).walk();
        int length = items(walk).size();

        for (Step step : walk) {
            TaskPage.PageInfo info = step.page().page();
            if (info.totalExact()) {
                assertThat(info.total()).as("page %d; %s", info.number(), world).isEqualTo(length);
            }
        }
        List<FakeTaskSource> selected = world.sources.stream().filter(world::selected).toList();
        boolean everySourceCountsExactly = selected.stream()
                .allMatch(s -> s.info().ordering() == Ordering.UNORDERED || countsExactly(s, world.filter));
        if (!selected.isEmpty() && everySourceCountsExactly) {
            assertThat(walk).as("every source counts exactly, so every total is exact; %s", world)
                    .allSatisfy(step -> assertThat(step.page().page().totalExact()).isTrue());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyReturnedTaskMatchesEveryFilter(long seed) {
        RandomWorld world = walked(seed).world();
        Set<String> selected = new HashSet<>();
        world.sources.stream().filter(world::selected).forEach(s -> selected.add(s.info().id()));
        TaskQueryEngine engine = engine(world);
        int lastPage = Math.min(TaskQuery.MAX_WINDOW / world.size, 3);

        List<Task> returned = new ArrayList<>(items(walked(seed).walk()));
        for (int number = 1; number <= lastPage; number++) {
            returned.addAll(engine.list(new TaskQuery(world.filter, world.size, number, null, true)).items());
        }

        assertThat(returned).as("%s", world).allSatisfy(task -> {
            assertThat(world.filter.matches(task)).as("%s matches", task.id()).isTrue();
            assertThat(selected).as("source of %s", task.id()).contains(task.id().source());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cursorPageCostsEachSourceABoundedNumberOfCalls(long seed) {
        RandomWorld world = walked(seed).world();
        List<Step> walk = walked(seed).walk();

        for (FakeTaskSource source : world.sources) {
            String id = source.info().id();
            int newestFirstBound = newestFirstBound(source, world.size + 1);
            for (Step step : walk) {
                int calls = step.calls().get(id);
                if (!world.selected(source)) {
                    assertThat(calls).as("calls to unselected %s", id).isZero();
                } else if (source.info().ordering() == Ordering.UNORDERED) {
                    int perPage = source.pageSizeFor(source.info().maxPageSize());
                    int bound = Math.max(1, ceilDiv(Math.min(source.tasks().size(), source.info().scanCap()), perPage));
                    assertThat(calls).as("calls to %s on page %d; %s", id, step.number(), world).isLessThanOrEqualTo(bound);
                } else if (pushesEveryFilter(source, world.filter)
                        && (step.after() == null || step.after().createdAt() != null)) {
                    assertThat(calls).as("calls to %s on page %d; %s", id, step.number(), world)
                            .isLessThanOrEqualTo(newestFirstBound);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tasksCreatedDuringAWalkNeitherRepeatNorSkipOldOnes(long seed) {
        RandomWorld world = new RandomWorld(seed);
        List<Task> existing = world.expected();

        List<Step> walk = walk(world, world::createNewestTasks);

        assertThat(ids(items(walk))).as("%s", world).containsExactlyElementsOf(ids(existing));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void tasksCreatedInTheSecondTheWalkIsInNeitherRepeatNorSkipOldOnes(long seed) {
        RandomWorld world = new RandomWorld(seed);
        List<Task> existing = world.expected();
        Set<TaskId> created = new HashSet<>();

        List<Task> walked = items(walk(world, () -> created.addAll(world.createTasksInTheNewestSecond())));

        assertThat(ids(walked)).as("%s", world).doesNotHaveDuplicates().containsAll(ids(existing));
        assertThat(walked).as("in order; %s", world).isSortedAccordingTo(Task.ORDER);
        Set<TaskId> existingIds = new HashSet<>(existing.stream().map(Task::id).toList());
        assertThat(walked).as("only new tasks are extra; %s", world)
                .allSatisfy(t -> assertThat(existingIds.contains(t.id()) || created.contains(t.id())).isTrue());
    }

    @Test
    void cursorPageCostsTheSameCallsAtPageOneFiftyAndTwoHundred() {
        FakeTaskSource source = FakeTaskSource.builder("deep").maxPageSize(50).silentCap(40).build()
                .add(tiedTasks("deep", 5_000, new Random(5)));
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 20, source);

        List<Step> walk = walkPages(world, 200);

        assertThat(walk).allSatisfy(step -> assertThat(step.calls().get("deep")).isLessThanOrEqualTo(2));
        // The walk continues one held run: 4,000 tasks cost about 4,000 / 40 calls in all, not one per page.
        int total = walk.stream().mapToInt(step -> step.calls().get("deep")).sum();
        assertThat(total).isLessThanOrEqualTo(ceilDiv(4_001, 40) + 2);
    }

    @Test
    void unorderedPageCostsAtMostTheScanCapInPagesAtAnyDepth() {
        FakeTaskSource source = FakeTaskSource.builder("flat").ordering(Ordering.UNORDERED)
                .maxPageSize(30).scanCap(2_000).build().add(tiedTasks("flat", 1_000, new Random(6)));
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 20, source);

        List<Step> walk = walkPages(world, 45);

        // One read of the whole list serves every page of the walk while it is fresh.
        assertThat(walk.get(0).calls().get("flat")).isEqualTo(ceilDiv(1_000, 30));
        assertThat(walk.subList(1, walk.size())).allSatisfy(step -> assertThat(step.calls().get("flat")).isZero());
    }

    @Test
    void unorderedSourceBeyondItsScanCapReportsTruncatedAndAnInexactTotal() {
        FakeTaskSource source = FakeTaskSource.builder("big").ordering(Ordering.UNORDERED)
                .maxPageSize(25).scanCap(100).build().add(tiedTasks("big", 500, new Random(7)));
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 20, source);

        TaskPage page = engine(world).list(new TaskQuery(TaskFilter.NONE, 20, 1, null, false));

        assertThat(page.sources()).singleElement().satisfies(report -> {
            assertThat(report.truncated()).isTrue();
            assertThat(report.state()).isEqualTo(SourceState.OK);
        });
        assertThat(page.page().totalExact()).isFalse();
        assertThat(source.calls()).isEqualTo(4);
        assertThat(page.items()).hasSize(20);
    }

    @Test
    void pageNumberWithinTheWindowReadsPastASmallerScanCap() {
        FakeTaskSource source = FakeTaskSource.builder("big").maxPageSize(50).scanCap(200).build()
                .add(tiedTasks("big", 1_000, new Random(8)));
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 20, source);
        TaskQueryEngine engine = engine(world);

        TaskPage shallow = engine.list(new TaskQuery(TaskFilter.NONE, 20, 1, null, false));
        TaskPage deep = engine.list(new TaskQuery(TaskFilter.NONE, 20, 20, null, false));

        assertThat(shallow.sources().get(0).truncated()).isFalse();
        assertThat(shallow.page().totalExact()).isTrue();
        assertThat(shallow.page().total()).isEqualTo(1_000);
        // page=20 needs 401 tasks: the 10,000 window, not the cap of 200, bounds it (guarantee 2).
        assertThat(deep.sources().get(0).truncated()).isFalse();
        assertThat(ids(deep.items())).containsExactlyElementsOf(
                ids(source.tasks().stream().sorted(Task.ORDER).skip(380).limit(20).toList()));
    }

    @Test
    void pageFilledExactlyBeforeAScanCapStillLeadsOn() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(FakeTaskSource.task("capped", "tikmatrix", Integer.toString(200 - i),
                    RandomWorld.BASE.minusSeconds(i), TaskStatus.RUNNING, i % 4 == 0 ? "match-" + i : "other-" + i));
        }
        // Pages of 10, a cap of 20 scanned: each read finds exactly 5 matches, one page's worth.
        FakeTaskSource capped = FakeTaskSource.builder("capped").maxPageSize(10).scanCap(20)
                .pushes(Set.of(FakeTaskSource.CREATED_UNTIL)).build().add(tasks);
        TaskFilter match = new TaskFilter(null, null, null, "match", null, null);
        RandomWorld world = RandomWorld.of(match, 5, capped);

        List<Step> walk = walk(world, () -> { });

        assertThat(ids(items(walk))).containsExactlyElementsOf(ids(world.expected()));
        assertThat(items(walk)).hasSize(50);
    }

    @Test
    void cursorWalkPastTheScanCapOfAFilterTheSourceIgnoresLosesNothing() {
        FakeTaskSource capped = FakeTaskSource.builder("capped").maxPageSize(50).scanCap(100)
                .pushes(Set.of(FakeTaskSource.CREATED_UNTIL)).build().add(tiedTasks("capped", 600, new Random(11)));
        FakeTaskSource other = FakeTaskSource.builder("other").maxPageSize(50).build()
                .add(tiedTasks("other", 300, new Random(12)));
        TaskFilter rare = new TaskFilter(null, null, null, "task-1", null, null);
        RandomWorld world = RandomWorld.of(rare, 7, capped, other);

        List<Step> walk = walk(world, () -> { });

        assertThat(ids(items(walk))).containsExactlyElementsOf(ids(world.expected()));
        assertThat(walk).anySatisfy(step -> assertThat(step.page().sources().get(0).truncated()).isTrue());
    }

    @Test
    void filterTheSourceIgnoresStopsAtTheScanCapAndSaysSo() {
        FakeTaskSource source = FakeTaskSource.builder("big").maxPageSize(50).scanCap(200)
                .pushes(Set.of(FakeTaskSource.CREATED_UNTIL)).build().add(tiedTasks("big", 1_000, new Random(9)));
        TaskFilter rare = new TaskFilter(null, null, null, "no task has this name", null, null);
        RandomWorld world = RandomWorld.of(rare, 20, source);

        TaskPage page = engine(world).list(new TaskQuery(rare, 20, 1, null, false));

        assertThat(page.items()).isEmpty();
        assertThat(page.sources().get(0).truncated()).isTrue();
        assertThat(page.page().totalExact()).isFalse();
        assertThat(source.calls()).as("pages of 50 up to the cap of 200").isEqualTo(ceilDiv(200, 50));
    }

    @Test
    void undatedTasksOfANewestFirstSourceComeLastInTheWalk() {
        Random random = new Random(10);
        List<Task> tasks = new ArrayList<>(tiedTasks("nf", 60, random));
        for (int i = 0; i < 7; i++) {
            tasks.add(FakeTaskSource.task("nf", "tikmatrix", Integer.toString(1_000 + i), null, TaskStatus.RUNNING, "u"));
        }
        FakeTaskSource source = FakeTaskSource.builder("nf").maxPageSize(7).keepsUndatedUnderTimeBounds(true)
                .build().add(tasks);
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 4, source);

        List<Task> walked = items(walk(world, () -> { }));

        assertThat(ids(walked)).containsExactlyElementsOf(ids(tasks.stream().sorted(Task.ORDER).toList()));
        assertThat(walked.subList(60, 67)).allSatisfy(t -> assertThat(t.createdAt()).isNull());
    }

    @Test
    void newestFirstFirstPageOfSpreadTasksCostsOneCall() {
        // A page of exactly size+1 tasks could never show a task older than the boundary, so every
        // first page cost a second round trip (DESIGN section 8: fan-out within 1.15 x one call).
        List<Task> spread = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            spread.add(FakeTaskSource.task("spread", "new-api", Integer.toString(300 - i),
                    RandomWorld.BASE.minusSeconds(60L * i), TaskStatus.RUNNING, "task-" + i));
        }
        FakeTaskSource source = FakeTaskSource.builder("spread").maxPageSize(100).build().add(spread);
        RandomWorld world = RandomWorld.of(TaskFilter.NONE, 20, source);

        TaskPage page = engine(world).list(new TaskQuery(TaskFilter.NONE, 20, 1, null, false));

        assertThat(ids(page.items())).containsExactlyElementsOf(ids(spread.subList(0, 20)));
        assertThat(source.calls()).isEqualTo(1);
    }

    /** {@code count} tasks, one to three per second, newest first in native id. */
    private static List<Task> tiedTasks(String sourceId, int count, Random random) {
        List<Task> tasks = new ArrayList<>();
        Instant at = RandomWorld.BASE;
        for (int i = 0; i < count; i++) {
            if (random.nextInt(2) == 0) {
                at = at.minusSeconds(1);
            }
            tasks.add(FakeTaskSource.task(sourceId, "tikmatrix", Integer.toString(count - i), at,
                    TaskStatus.values()[random.nextInt(TaskStatus.values().length)], "task-" + i));
        }
        return tasks;
    }

    /** The first {@code pages} steps of a cursor walk. */
    private List<Step> walkPages(RandomWorld world, int pages) {
        List<Step> walk = walk(world, () -> { }, pages);
        assertThat(walk).hasSize(pages);
        return walk;
    }

    // ---- the walk

    /** A world and its walk; the tests that only read them share one per seed (the data stays put). */
    record Walked(RandomWorld world, List<Step> walk) {
    }

    private static final Map<Long, Walked> WALKS = new ConcurrentHashMap<>();

    private Walked walked(long seed) {
        return WALKS.computeIfAbsent(seed, s -> {
            RandomWorld world = new RandomWorld(s);
            return new Walked(world, walk(world, () -> { }));
        });
    }

    /** One page of a cursor walk, the cursor position it resumed after and each source's calls. */
    record Step(int number, Position after, TaskPage page, Map<String, Integer> calls) {
    }

    /** Follows {@code next} from page 1 to the end, running {@code betweenSteps} after each page. */
    private List<Step> walk(RandomWorld world, Runnable betweenSteps) {
        return walk(world, betweenSteps, Integer.MAX_VALUE);
    }

    /** Follows {@code next} for at most {@code maxPages} pages. */
    private List<Step> walk(RandomWorld world, Runnable betweenSteps, int maxPages) {
        TaskQueryEngine engine = engine(world);
        List<Step> steps = new ArrayList<>();
        TaskQuery query = new TaskQuery(world.filter, world.size, 1, null, false);
        int guard = world.sources.stream().mapToInt(s -> s.tasks().size()).sum() * 2 + 2;
        while (true) {
            Map<String, Integer> before = callsBySource(world);
            TaskPage page = engine.list(query);
            Map<String, Integer> calls = callsBySource(world);
            calls.replaceAll((id, n) -> n - before.get(id));
            Position after = query.cursor() == null ? null : query.cursor().after();
            steps.add(new Step(steps.size() + 1, after, page, calls));
            assertThat(steps.size()).as("walk ends; %s", world).isLessThanOrEqualTo(guard);
            if (page.page().next() == null || steps.size() == maxPages) {
                return steps;
            }
            betweenSteps.run();
            Cursor cursor = codec.decode(page.page().next(), world.filter, world.size);
            query = new TaskQuery(world.filter, world.size, 1, cursor, false);
        }
    }

    private TaskQueryEngine engine(RandomWorld world) {
        return new TaskQueryEngine(world.registry(), executor, new CursorCodec(SECRET), CLOCK, Duration.ofSeconds(30));
    }

    private static Map<String, Integer> callsBySource(RandomWorld world) {
        Map<String, Integer> calls = new HashMap<>();
        world.sources.forEach(s -> calls.put(s.info().id(), s.calls()));
        return calls;
    }

    // ---- helpers

    /**
     * A NEWEST_FIRST page continues the held run: it reads on until {@code limit} matches lie in the
     * run's complete part, at most the scan cap per request, each step at most
     * {@link PagePlan#MAX_PARALLEL} pages past what it needed; a walk into the undated tail reads
     * all of it. Nothing here depends on the depth of the page.
     */
    private static int newestFirstBound(FakeTaskSource source, int limit) {
        int undated = RandomWorld.undated(source);
        int perPage = source.pageSizeFor(source.info().maxPageSize());
        int bound = ceilDiv(Math.max(source.info().scanCap(), limit), perPage) + PagePlan.MAX_PARALLEL;
        return undated == 0 ? bound : bound + ceilDiv(undated, perPage) + 1;
    }

    private static boolean pushesEveryFilter(FakeTaskSource source, TaskFilter filter) {
        Set<String> pushed = source.info().pushedFilters();
        return (filter.statuses().isEmpty() || pushed.contains(FakeTaskSource.STATUS))
                && (filter.nameContains() == null || pushed.contains(FakeTaskSource.Q))
                && (filter.createdFrom() == null || pushed.contains(FakeTaskSource.CREATED_FROM))
                && (filter.createdTo() == null || pushed.contains(FakeTaskSource.CREATED_UNTIL));
    }

    private static boolean countsExactly(FakeTaskSource source, TaskFilter filter) {
        UpstreamPage first = source.fetch(new UpstreamQuery(filter.statuses(), filter.nameContains(),
                filter.createdFrom(), filter.createdTo() == null ? null : filter.createdTo().minusNanos(1), 1, 1));
        return first.totalExact();
    }

    /** Every page number when there are few, else the first, the last, one past it and a sample. */
    private static List<Integer> pageNumbersToCheck(int pastLast, RandomWorld world) {
        int reachable = Math.min(pastLast, TaskQuery.MAX_WINDOW / world.size);
        List<Integer> numbers = new ArrayList<>();
        if (reachable <= 40) {
            for (int n = 1; n <= reachable; n++) {
                numbers.add(n);
            }
            return numbers;
        }
        Random random = new Random(world.seed);
        numbers.addAll(List.of(1, 2, reachable - 1, reachable));
        Stream.generate(() -> 1 + random.nextInt(reachable)).limit(30).forEach(numbers::add);
        return numbers;
    }

    private static List<Task> items(List<Step> walk) {
        return walk.stream().flatMap(s -> s.page().items().stream()).toList();
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(t -> t.id().toString()).toList();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
