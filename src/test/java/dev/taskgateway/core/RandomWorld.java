package dev.taskgateway.core;

import dev.taskgateway.testing.FakeTaskSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Random sources, tasks and a random request, all from one seed so a failing seed replays.
 * Built to hit the engine's corners: empty and disabled sources, many {@code createdAt} ties at
 * second granularity (also across sources), tasks without {@code createdAt}, filters the upstream
 * ignores, page caps below what is asked, upstream tie orders unlike the gateway's.
 */
final class RandomWorld {

    static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] PROVIDERS = {"longlonglong", "nxlink", "new-api", "tikmatrix"};
    private static final String[] WORDS = {"alpha", "Beta", "gamma", "DELTA", "call", "video", "sync", "Zeta"};

    final long seed;
    final Random random;
    final List<FakeTaskSource> sources = new ArrayList<>();
    final Set<String> disabled = new HashSet<>();
    final TaskFilter filter;
    final int size;
    private final List<Integer> spreads = new ArrayList<>();
    private int nextNativeId = 1;
    private Instant newest = BASE.plusSeconds(100_000); // after every generated createdAt

    RandomWorld(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            sources.add(randomSource("src-" + i));
            if (random.nextInt(10) == 0) {
                disabled.add("src-" + i);
            }
        }
        this.filter = randomFilter();
        this.size = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 1 + random.nextInt(50);
    }

    /** A world of given sources, all enabled, and a given request. */
    static RandomWorld of(TaskFilter filter, int size, FakeTaskSource... sources) {
        return new RandomWorld(filter, size, List.of(sources));
    }

    private RandomWorld(TaskFilter filter, int size, List<FakeTaskSource> sources) {
        this.seed = 0;
        this.random = new Random(0);
        this.sources.addAll(sources);
        this.filter = filter;
        this.size = size;
    }

    /** The registry the engine reads, in source order. */
    SourceRegistry registry() {
        return new SourceRegistry(sources.stream()
                .map(s -> new SourceRegistry.Entry(s, !disabled.contains(s.info().id()), new SourceHealth()))
                .toList());
    }

    /** What a walk must return now: every matching task of every selected source, in order. */
    List<Task> expected() {
        return sources.stream()
                .filter(s -> selected(s))
                .flatMap(s -> s.tasks().stream())
                .filter(filter::matches)
                .sorted(Task.ORDER)
                .toList();
    }

    boolean selected(FakeTaskSource s) {
        return !disabled.contains(s.info().id()) && filter.selects(s.info().id(), s.info().provider());
    }

    /** Adds 0..3 tasks newer than anything any source holds to random sources. */
    void createNewestTasks() {
        if (sources.isEmpty()) {
            return;
        }
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            FakeTaskSource s = sources.get(random.nextInt(sources.size()));
            // several new tasks may share one second, as on a busy upstream
            newest = newest.plusSeconds(random.nextInt(2));
            s.add(List.of(randomTask(s.info(), newest)));
        }
    }

    /**
     * Adds 0..3 tasks in the newest second any source already has, as when tasks are created
     * upstream in the very second a walk's first page ended in. Returns their ids.
     */
    Set<TaskId> createTasksInTheNewestSecond() {
        Set<TaskId> created = new HashSet<>();
        Instant newestExisting = sources.stream().flatMap(s -> s.tasks().stream()).map(Task::createdAt)
                .filter(t -> t != null).max(Comparator.naturalOrder()).orElse(null);
        if (newestExisting == null) {
            return created;
        }
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            FakeTaskSource s = sources.get(random.nextInt(sources.size()));
            Task task = randomTask(s.info(), newestExisting);
            s.add(List.of(task));
            created.add(task.id());
        }
        return created;
    }

    /** Most tasks one source holds at one {@code createdAt}, undated ones left out. */
    static int largestTieGroup(FakeTaskSource s) {
        return s.tasks().stream().filter(t -> t.createdAt() != null)
                .collect(Collectors.groupingBy(Task::createdAt, Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).max().orElse(0);
    }

    /** Tasks without {@code createdAt} in one source. */
    static int undated(FakeTaskSource s) {
        return (int) s.tasks().stream().filter(t -> t.createdAt() == null).count();
    }

    private FakeTaskSource randomSource(String id) {
        Ordering ordering = random.nextBoolean() ? Ordering.NEWEST_FIRST : Ordering.UNORDERED;
        int maxPageSize = random.nextInt(4) == 0 ? 1 + random.nextInt(5) : 5 + random.nextInt(96);
        int silentCap = maxPageSize > 2 && random.nextInt(4) == 0
                ? Math.max(2, maxPageSize / 2 + random.nextInt(maxPageSize / 2)) : Integer.MAX_VALUE;
        Set<String> pushed = new HashSet<>();
        for (String f : List.of(FakeTaskSource.STATUS, FakeTaskSource.Q, FakeTaskSource.CREATED_FROM,
                FakeTaskSource.CREATED_UNTIL)) { // not ALL_FILTERS: Set.of's order changes run to run
            if (random.nextInt(3) > 0) {
                pushed.add(f);
            }
        }
        if (ordering == Ordering.NEWEST_FIRST) {
            pushed.add(FakeTaskSource.CREATED_UNTIL); // what makes a list usable as NEWEST_FIRST
        }
        // Undated tasks in a NEWEST_FIRST list must survive the cursor's createdUntil bound (see
        // UpstreamQuery); a SQL-like provider that drops them there orders by a time all tasks have.
        boolean keepsUndated = random.nextBoolean();
        boolean mayHoldUndated = ordering == Ordering.UNORDERED || keepsUndated;
        FakeTaskSource source = FakeTaskSource.builder(id)
                .provider(PROVIDERS[random.nextInt(PROVIDERS.length)])
                .ordering(ordering)
                .maxPageSize(maxPageSize)
                .silentCap(silentCap)
                .scanCap(20_000) // above anything a world holds: the cap has its own tests
                .pushes(pushed)
                .reportsTotal(random.nextInt(5) > 0)
                .keepsUndatedUnderTimeBounds(keepsUndated)
                .shuffleSeed(random.nextLong())
                .build();
        int count = random.nextInt(5) == 0 ? 0 : random.nextInt(301);
        int spread = random.nextInt(4) == 0 ? 1 + random.nextInt(10) : Math.max(1, count / (1 + random.nextInt(5)));
        spreads.add(spread);
        int undatedPercent = !mayHoldUndated || random.nextInt(3) == 0 ? 0 : random.nextInt(20);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = random.nextInt(100) < undatedPercent ? null : BASE.plusSeconds(random.nextInt(spread));
            tasks.add(randomTask(source.info(), at));
        }
        return source.add(tasks);
    }

    private Task randomTask(SourceInfo info, Instant createdAt) {
        String name = random.nextInt(20) == 0 ? null
                : WORDS[random.nextInt(WORDS.length)] + "-" + WORDS[random.nextInt(WORDS.length)];
        // native ids grow with creation order only loosely: ties and old ids get shuffled in
        String nativeId = Integer.toString(nextNativeId++ * 7 % 100_003 + 1);
        return FakeTaskSource.task(info.id(), info.provider(), nativeId, createdAt,
                TaskStatus.values()[random.nextInt(TaskStatus.values().length)], name);
    }

    private TaskFilter randomFilter() {
        Set<TaskStatus> statuses = new LinkedHashSet<>();
        if (random.nextInt(5) < 2) {
            for (TaskStatus s : TaskStatus.values()) {
                if (random.nextBoolean()) {
                    statuses.add(s);
                }
            }
        }
        String q = null;
        if (random.nextInt(10) < 3) {
            String word = WORDS[random.nextInt(WORDS.length)];
            int from = random.nextInt(word.length());
            q = word.substring(from, from + 1 + random.nextInt(Math.min(4, word.length() - from)));
            q = random.nextBoolean() ? q.toUpperCase(Locale.ROOT) : q.toLowerCase(Locale.ROOT);
        }
        int spread = spreads.stream().mapToInt(Integer::intValue).max().orElse(10);
        Instant from = random.nextInt(5) == 0 ? randomInstant(spread) : null;
        Instant to = random.nextInt(5) == 0 ? randomInstant(spread) : null;
        if (from != null && to != null && from.isAfter(to)) {
            Instant swap = from;
            from = to;
            to = swap;
        }
        Set<String> ids = new HashSet<>();
        if (random.nextInt(7) == 0) {
            sources.forEach(s -> { if (random.nextBoolean()) ids.add(s.info().id()); });
        }
        Set<String> providers = new HashSet<>();
        if (random.nextInt(10) == 0) {
            providers.add(PROVIDERS[random.nextInt(PROVIDERS.length)]);
        }
        return new TaskFilter(ids, providers, statuses, q, from, to);
    }

    /** A bound on a second, or now and then between seconds. */
    private Instant randomInstant(int spread) {
        Instant at = BASE.plusSeconds(random.nextInt(spread + 2) - 1);
        return random.nextInt(5) == 0 ? at.plus(Duration.ofMillis(500)) : at;
    }

    @Override
    public String toString() {
        return "seed " + seed + ": size " + size + ", " + filter + ", disabled " + disabled + ", " + sources;
    }
}
