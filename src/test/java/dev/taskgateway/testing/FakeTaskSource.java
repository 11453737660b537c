package dev.taskgateway.testing;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A working in-memory {@link TaskSource} that pages, filters, orders and counts the way a
 * provider's list endpoint does, with the quirks the engine has to survive made configurable:
 * its own page-size maximum, a silent cap below it, filters it ignores, an upstream order of its
 * own for ties, and no total at all. Its recording side counts every {@link #fetch} and
 * {@link #find} call and keeps the actions performed.
 *
 * <p>Time bounds behave like SQL ({@code created_at <= ?}): a task without a creation time never
 * passes one, unless {@link Builder#keepsUndatedUnderTimeBounds} says the provider keeps them.
 *
 * <p>For the decorators' tests it can also answer from a script of outcomes instead of its tasks
 * ({@link #thenAnswer}, {@link #thenFail}, {@link #always}: pages or failures, the last one repeats),
 * and hold every call at a gate ({@link #closed}, {@link #open}, {@link #awaitEntered}).
 */
public final class FakeTaskSource implements TaskSource {

    public static final String STATUS = "status";
    public static final String Q = "q";
    public static final String CREATED_FROM = "createdFrom";
    public static final String CREATED_UNTIL = "createdUntil";
    public static final Set<String> ALL_FILTERS = Set.of(STATUS, Q, CREATED_FROM, CREATED_UNTIL);

    private final SourceInfo info;
    private final int silentCap;
    private final boolean reportsTotal;
    private final boolean keepsUndated;
    private final Random shuffle;
    private final Comparator<Stored> upstreamOrder;
    private final List<Stored> stored = new ArrayList<>();
    private final Map<UpstreamQuery, List<Task>> listings = new HashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger finds = new AtomicInteger();
    private final List<UpstreamQuery> queries = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<TaskAction> performed = new ArrayList<>();
    private volatile Consumer<UpstreamQuery> beforeFetch = q -> { };
    private volatile boolean findsByScanning;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    /** A task as the provider holds it, with its place in an UNORDERED list. */
    private record Stored(Task task, long shuffleKey) {
    }

    private FakeTaskSource(Builder b) {
        this.info = new SourceInfo(b.id, b.provider, b.kind, b.ordering, b.maxPageSize,
                b.scanCap, b.pushed, b.actions);
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

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A stand-in for any adapter, as the decorators see one: unordered device automation that can
     * be stopped, answering one page of two tasks (running, pending) until told otherwise.
     */
    public static FakeTaskSource of(String id, String provider) {
        return builder(id).provider(provider).kind(TaskKind.DEVICE_AUTOMATION).ordering(Ordering.UNORDERED)
                .scanCap(10_000).pushes(Set.of()).actions(Set.of(TaskAction.STOP)).build()
                .thenAnswer(page(id, TaskStatus.RUNNING, TaskStatus.PENDING));
    }

    /** A last page holding one task per status, native ids 1, 2, ...; native status 7 for UNKNOWN, 1 otherwise. */
    public static UpstreamPage page(String source, TaskStatus... statuses) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            tasks.add(Task.builder(TaskId.of(source, Integer.toString(i + 1)), "fake", TaskKind.DEVICE_AUTOMATION)
                    .status(statuses[i]).nativeStatus(statuses[i] == TaskStatus.UNKNOWN ? "7" : "1")
                    .createdAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).build());
        }
        return new UpstreamPage(tasks, (long) tasks.size(), true, true);
    }

    /** A task of source {@code sourceId}; the native id should be a number for the upstream order. */
    public static Task task(String sourceId, String provider, String nativeId, Instant createdAt,
                     TaskStatus status, String name) {
        return Task.builder(TaskId.of(sourceId, nativeId), provider, TaskKind.GENERATION)
                .createdAt(createdAt).status(status).name(name).raw(Map.of("id", nativeId)).build();
    }

    /** Adds tasks, as if they had been created upstream; new tasks may arrive between any two calls. */
    public synchronized FakeTaskSource add(List<Task> tasks) {
        for (Task t : tasks) {
            stored.add(new Stored(t, shuffle.nextLong()));
        }
        stored.sort(upstreamOrder);
        listings.clear();
        return this;
    }

    /** Puts {@code task} in place of the stored task with its id (a change upstream). */
    public synchronized FakeTaskSource replace(Task task) {
        stored.replaceAll(s -> s.task().id().equals(task.id()) ? new Stored(task, s.shuffleKey()) : s);
        listings.clear();
        return this;
    }

    /** Drops the stored task with that id (deleted upstream). */
    public synchronized FakeTaskSource remove(TaskId id) {
        stored.removeIf(s -> s.task().id().equals(id));
        listings.clear();
        return this;
    }

    /** Says it has no detail endpoint, so the engine answers details from the held list. */
    public FakeTaskSource findsByScanning(boolean scanning) {
        this.findsByScanning = scanning;
        return this;
    }

    @Override
    public boolean findsByScanning() {
        return findsByScanning;
    }

    /** Runs {@code hook} at the start of every fetch: throw to fail, block to hang. */
    public FakeTaskSource beforeFetch(Consumer<UpstreamQuery> hook) {
        this.beforeFetch = hook;
        return this;
    }

    /** Every task it holds, in its upstream order. */
    public synchronized List<Task> tasks() {
        return stored.stream().map(Stored::task).toList();
    }

    /** The most items one upstream page holds when {@code asked} are asked for. */
    public int pageSizeFor(int asked) {
        return Math.min(asked, silentCap);
    }

    /** Upstream list calls so far. */
    public int calls() {
        return calls.get();
    }

    /** Upstream detail calls ({@link #find}) so far. */
    public int finds() {
        return finds.get();
    }

    /** The actions performed so far, in order. */
    public synchronized List<TaskAction> performed() {
        return List.copyOf(performed);
    }

    /** Adds an answer to the script: a page every list and detail call answers from. */
    public synchronized FakeTaskSource thenAnswer(UpstreamPage page) {
        script.addLast(page);
        return this;
    }

    /** Adds a failure to the script: calls throw it, and so do actions while it is the last outcome. */
    public synchronized FakeTaskSource thenFail(RuntimeException failure) {
        script.addLast(failure);
        return this;
    }

    /** Replaces the script with one outcome (a page or a failure), repeated. */
    public synchronized FakeTaskSource always(Object outcome) {
        if (!(outcome instanceof UpstreamPage) && !(outcome instanceof RuntimeException)) {
            throw new IllegalArgumentException("a page or a failure, not " + outcome);
        }
        script.clear();
        script.addLast(outcome);
        return this;
    }

    /** Makes every call wait until {@link #open()}; {@link #awaitEntered} tells when one is waiting. */
    public FakeTaskSource closed() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        return this;
    }

    /** Lets the held calls, and every later one, through. */
    public void open() {
        gate.countDown();
    }

    /** True once a call is waiting at the closed gate (within 5 s). */
    public boolean awaitEntered() throws InterruptedException {
        return entered.await(5, TimeUnit.SECONDS);
    }

    /** The queries received so far, in order. */
    public synchronized List<UpstreamQuery> queries() {
        return List.copyOf(queries);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        beforeFetch.accept(query);
        passGate();
        synchronized (this) {
            calls.incrementAndGet();
            queries.add(query);
            if (!script.isEmpty()) {
                return scripted();
            }
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
    public Optional<Task> find(String nativeId) {
        passGate();
        synchronized (this) {
            finds.incrementAndGet();
            List<Task> tasks = script.isEmpty() ? tasks() : scripted().tasks();
            return tasks.stream().filter(t -> t.id().nativeId().equals(nativeId)).findFirst();
        }
    }

    /**
     * Records an action it offers and throws the script's last outcome when that is a failure; an
     * action it does not offer is refused as any adapter refuses it.
     */
    @Override
    public synchronized void perform(TaskAction action, String nativeId) {
        if (!info.actions().contains(action)) {
            TaskSource.super.perform(action, nativeId);
        }
        performed.add(action);
        if (script.peekLast() instanceof RuntimeException failure) {
            throw failure;
        }
    }

    private void passGate() {
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate");
        }
    }

    /** The script's next outcome, thrown when it is a failure; the last one stays. */
    private UpstreamPage scripted() {
        Object outcome = script.size() > 1 ? script.removeFirst() : script.peekFirst();
        if (outcome instanceof RuntimeException failure) {
            throw failure;
        }
        return (UpstreamPage) outcome;
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

    /** How the fake provider lists: its limits, the filters it honours, its order. */
    public static final class Builder {
        private final String id;
        private String provider = "tikmatrix";
        private TaskKind kind = TaskKind.GENERATION;
        private Set<TaskAction> actions = Set.of();
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

        public Builder provider(String v) { provider = v; return this; }
        public Builder kind(TaskKind v) { kind = v; return this; }
        /** The actions its {@link SourceInfo} offers. */
        public Builder actions(Set<TaskAction> v) { actions = Set.copyOf(v); return this; }
        public Builder ordering(Ordering v) { ordering = v; return this; }
        public Builder maxPageSize(int v) { maxPageSize = v; return this; }
        /** Returns at most {@code v} items whatever page size is asked, paging by that smaller size. */
        public Builder silentCap(int v) { silentCap = v; return this; }
        public Builder scanCap(int v) { scanCap = v; return this; }
        public Builder pushes(Set<String> v) { pushed = Set.copyOf(v); return this; }
        public Builder reportsTotal(boolean v) { reportsTotal = v; return this; }
        /** Time bounds pass tasks without a creation time (they stay listed last). */
        public Builder keepsUndatedUnderTimeBounds(boolean v) { keepsUndated = v; return this; }
        public Builder shuffleSeed(long v) { shuffleSeed = v; return this; }

        public FakeTaskSource build() {
            return new FakeTaskSource(this);
        }
    }
}
