package dev.taskgateway.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A working in-memory {@link TaskSource} that pages, filters, orders and counts the way a
 * provider's list endpoint does, with the quirks the engine has to survive made configurable:
 * its own page-size maximum, a silent cap below it, filters it ignores, an upstream order of its
 * own for ties, and no total at all. Its recording side counts every {@link #fetch} call.
 *
 * <p>Time bounds behave like SQL ({@code created_at <= ?}): a task without a creation time never
 * passes one, unless {@link Builder#keepsUndatedUnderTimeBounds} says the provider keeps them.
 */
final class FakeTaskSource implements TaskSource {

    static final String STATUS = "status";
    static final String Q = "q";
    static final String CREATED_FROM = "createdFrom";
    static final String CREATED_UNTIL = "createdUntil";
    static final Set<String> ALL_FILTERS = Set.of(STATUS, Q, CREATED_FROM, CREATED_UNTIL);

    private final SourceInfo info;
    private final int silentCap;
    private final boolean reportsTotal;
    private final boolean keepsUndated;
    private final Random shuffle;
    private final Comparator<Stored> upstreamOrder;
    private final List<Stored> stored = new ArrayList<>();
    private final Map<UpstreamQuery, List<Task>> listings = new HashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<UpstreamQuery> queries = new ArrayList<>();
    private volatile Consumer<UpstreamQuery> beforeFetch = q -> { };
    private volatile boolean findsByScanning;

    /** A task as the provider holds it, with its place in an UNORDERED list. */
    private record Stored(Task task, long shuffleKey) {
    }

    private FakeTaskSource(Builder b) {
        this.info = new SourceInfo(b.id, b.provider, TaskKind.GENERATION, b.ordering, b.maxPageSize,
                b.scanCap, b.pushed, Set.of());
        this.silentCap = b.silentCap;
        this.reportsTotal = b.reportsTotal;
        this.keepsUndated = b.keepsUndated;
        this.shuffle = new Random(b.shuffleSeed);
        this.upstreamOrder = b.ordering == Ordering.NEWEST_FIRST
                ? Comparator.comparing((Stored s) -> s.task().createdAt(),
                        Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
                    .thenComparing(s -> nativeNumber(s.task()), Comparator.reverseOrder())
                : Comparator.comparingLong(Stored::shuffleKey);
    }

    static Builder builder(String id) {
        return new Builder(id);
    }

    /** A task of source {@code sourceId}; the native id should be a number for the upstream order. */
    static Task task(String sourceId, String provider, String nativeId, Instant createdAt,
                     TaskStatus status, String name) {
        return Task.builder(TaskId.of(sourceId, nativeId), provider, TaskKind.GENERATION)
                .createdAt(createdAt).status(status).name(name).raw(Map.of("id", nativeId)).build();
    }

    /** Adds tasks, as if they had been created upstream; new tasks may arrive between any two calls. */
    synchronized FakeTaskSource add(List<Task> tasks) {
        for (Task t : tasks) {
            stored.add(new Stored(t, shuffle.nextLong()));
        }
        stored.sort(upstreamOrder);
        listings.clear();
        return this;
    }

    /** Puts {@code task} in place of the stored task with its id (a change upstream). */
    synchronized FakeTaskSource replace(Task task) {
        stored.replaceAll(s -> s.task().id().equals(task.id()) ? new Stored(task, s.shuffleKey()) : s);
        listings.clear();
        return this;
    }

    /** Drops the stored task with that id (deleted upstream). */
    synchronized FakeTaskSource remove(TaskId id) {
        stored.removeIf(s -> s.task().id().equals(id));
        listings.clear();
        return this;
    }

    /** Runs {@code hook} at the start of every fetch: throw to fail, block to hang. */
    /** Says it has no detail endpoint, so the engine answers details from the held list. */
    FakeTaskSource findsByScanning(boolean scanning) {
        this.findsByScanning = scanning;
        return this;
    }

    @Override
    public boolean findsByScanning() {
        return findsByScanning;
    }

    FakeTaskSource beforeFetch(Consumer<UpstreamQuery> hook) {
        this.beforeFetch = hook;
        return this;
    }

    /** Every task it holds, in its upstream order. */
    synchronized List<Task> tasks() {
        return stored.stream().map(Stored::task).toList();
    }

    /** The most items one upstream page holds when {@code asked} are asked for. */
    int pageSizeFor(int asked) {
        return Math.min(asked, silentCap);
    }

    /** Upstream list calls so far. */
    int calls() {
        return calls.get();
    }

    /** The queries received so far, in order. */
    synchronized List<UpstreamQuery> queries() {
        return List.copyOf(queries);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        beforeFetch.accept(query);
        synchronized (this) {
            calls.incrementAndGet();
            queries.add(query);
            List<Task> matching = listings.computeIfAbsent(query.withPage(1), this::listing);
            int pageSize = Math.min(query.pageSize(), silentCap);
            long offset = (long) (query.page() - 1) * pageSize;
            int from = (int) Math.min(offset, matching.size());
            int to = (int) Math.min(offset + pageSize, matching.size());
            boolean last = offset + pageSize >= matching.size();
            Long total = reportsTotal ? (long) matching.size() : null;
            return new UpstreamPage(matching.subList(from, to), total, pushesAll(query), last);
        }
    }

    /** The filters it pushes, as it would send them. */
    @Override
    public Optional<UpstreamQuery> pushed(UpstreamQuery query) {
        return Optional.of(new UpstreamQuery(pushes(STATUS) ? query.statuses() : Set.of(),
                pushes(Q) ? query.nameContains() : null, pushes(CREATED_FROM) ? query.createdFrom() : null,
                pushes(CREATED_UNTIL) ? query.createdUntil() : null, query.page(), query.pageSize()));
    }

    @Override
    public synchronized Optional<Task> find(String nativeId) {
        return stored.stream().map(Stored::task).filter(t -> t.id().nativeId().equals(nativeId)).findFirst();
    }

    /** The provider's whole answer to {@code query}, before paging. */
    private List<Task> listing(UpstreamQuery query) {
        return stored.stream().map(Stored::task).filter(t -> passesPushed(query, t)).toList();
    }

    private boolean passesPushed(UpstreamQuery query, Task t) {
        if (pushes(STATUS) && !query.statuses().isEmpty() && !query.statuses().contains(t.status())) {
            return false;
        }
        if (pushes(Q) && query.nameContains() != null && (t.name() == null
                || !t.name().toLowerCase(Locale.ROOT).contains(query.nameContains().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        Instant at = t.createdAt();
        if (pushes(CREATED_FROM) && query.createdFrom() != null) {
            if (at == null ? !keepsUndated : at.isBefore(query.createdFrom())) {
                return false;
            }
        }
        if (pushes(CREATED_UNTIL) && query.createdUntil() != null) {
            return at == null ? keepsUndated : !at.isAfter(query.createdUntil());
        }
        return true;
    }

    /** Honest exactness: the total counts what the gateway's filters keep only when all were pushed. */
    private boolean pushesAll(UpstreamQuery query) {
        boolean timeBound = query.createdFrom() != null || query.createdUntil() != null;
        if (timeBound && keepsUndated) {
            return false; // it counts undated tasks the gateway's time filter drops
        }
        return (query.statuses().isEmpty() || pushes(STATUS))
                && (query.nameContains() == null || pushes(Q))
                && (query.createdFrom() == null || pushes(CREATED_FROM))
                && (query.createdUntil() == null || pushes(CREATED_UNTIL));
    }

    private boolean pushes(String filter) {
        return info.pushedFilters().contains(filter);
    }

    private static long nativeNumber(Task t) {
        return Long.parseLong(t.id().nativeId());
    }

    @Override
    public String toString() {
        return info.id() + "(" + info.ordering() + ", max " + info.maxPageSize() + ", cap " + silentCap
                + ", pushes " + info.pushedFilters() + (keepsUndated ? ", keeps undated" : "")
                + (reportsTotal ? "" : ", no total") + ", " + stored.size() + " tasks)";
    }

    static final class Builder {
        private final String id;
        private String provider = "tikmatrix";
        private Ordering ordering = Ordering.NEWEST_FIRST;
        private int maxPageSize = 100;
        private int silentCap = Integer.MAX_VALUE;
        private int scanCap = 100_000;
        private Set<String> pushed = ALL_FILTERS;
        private boolean reportsTotal = true;
        private boolean keepsUndated;
        private long shuffleSeed = 1;

        private Builder(String id) {
            this.id = id;
        }

        Builder provider(String v) { provider = v; return this; }
        Builder ordering(Ordering v) { ordering = v; return this; }
        Builder maxPageSize(int v) { maxPageSize = v; return this; }
        /** Returns at most {@code v} items whatever page size is asked, paging by that smaller size. */
        Builder silentCap(int v) { silentCap = v; return this; }
        Builder scanCap(int v) { scanCap = v; return this; }
        Builder pushes(Set<String> v) { pushed = Set.copyOf(v); return this; }
        Builder reportsTotal(boolean v) { reportsTotal = v; return this; }
        /** Time bounds pass tasks without a creation time (they stay listed last). */
        Builder keepsUndatedUnderTimeBounds(boolean v) { keepsUndated = v; return this; }
        Builder shuffleSeed(long v) { shuffleSeed = v; return this; }

        FakeTaskSource build() {
            return new FakeTaskSource(this);
        }
    }
}
