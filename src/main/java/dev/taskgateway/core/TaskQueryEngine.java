package dev.taskgateway.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;

/**
 * Fans a query out to the selected sources in parallel, merges their ordered slices and cuts
 * one page (DESIGN §5).
 *
 * <p>Paging is keyset-based: a cursor resumes strictly after the last task handed out, so tasks
 * created upstream during a walk never shift it. Paging by number asks each source for its first
 * {@code page*size+1} tasks, which is the same walk, bounded by the 10,000 window.
 */
public final class TaskQueryEngine {

    private final SourceRegistry registry;
    private final CursorCodec cursors;
    private final FanOut fanOut;
    private final SourceReader reader;
    private final ReadCache reads;

    /** An engine holding its reads in a store of its own, bounded only by the sources' scan caps. */
    public TaskQueryEngine(SourceRegistry registry, ExecutorService executor, CursorCodec cursors,
                           Clock clock, Duration deadline) {
        this(registry, executor, cursors, clock, deadline,
                new ReadCache(Long.MAX_VALUE, clock, executor, ReadCache.Listener.NONE));
    }

    /** An engine answering from, and reading into, {@code reads}. */
    public TaskQueryEngine(SourceRegistry registry, ExecutorService executor, CursorCodec cursors,
                           Clock clock, Duration deadline, ReadCache reads) {
        this.registry = registry;
        this.cursors = cursors;
        this.fanOut = new FanOut(executor, clock, deadline);
        this.reader = new SourceReader(reads, new PagePlan(executor));
        this.reads = reads;
    }

    /** {@link ReadCache#changes()} of the reads this engine answers from. */
    public long readsChanges() {
        return reads.changes();
    }

    /**
     * Until when {@code page} may be answered again, as it is, to the same query, provided the held
     * reads did not change meanwhile ({@link #readsChanges()}): the moment the first read it came
     * from stops being fresh. Null when it must not be reused: the client asked for no-cache, or a
     * source did not answer fresh (failed, stale), so the next request must try it again.
     */
    public Instant reusableUntil(TaskPage page) {
        if (CallContext.current().noCache() || !page.complete()) {
            return null;
        }
        Instant until = null;
        for (SourceReport report : page.sources()) {
            if (report.state() == SourceState.SKIPPED) {
                continue;
            }
            if (report.state() != SourceState.OK || report.fetchedAt() == null) {
                return null;
            }
            var entry = registry.find(report.id());
            if (entry.isEmpty()) {
                return null;
            }
            Instant end = report.fetchedAt().plus(entry.get().policy().freshTtl());
            until = until == null || end.isBefore(until) ? end : until;
        }
        return until;
    }

    /**
     * Records, for each of {@code sources}, what answering a list from fresh held reads records:
     * a cache hit and a success. For an answer reused as rendered, without asking the reader again.
     */
    public void answeredFromHeld(List<String> sources) {
        Instant now = fanOut.now();
        for (String id : sources) {
            registry.find(id).ifPresent(entry -> {
                reads.record(id, "hit");
                entry.health().success(now);
            });
        }
    }

    /** The reader list, stats and detail reads share, so each is answered from what the others read. */
    SourceReader reader() {
        return reader;
    }

    /** The page {@code query} asks for. Never throws for a failing source: it reports it. */
    public TaskPage list(TaskQuery query) {
        TaskFilter filter = query.filter();
        int offset = query.cursor() == null ? (query.page() - 1) * query.size() : 0;
        int limit = offset + query.size() + 1;
        Position after = query.cursor() == null ? null : query.cursor().after();

        List<SourceRegistry.Entry> selected = selected(filter);
        var results = fanOut.run(selected, e -> reader.read(e, filter, after, limit));

        List<List<Task>> slices = new ArrayList<>();
        Position frontier = null;
        List<SourceReport> reports = skipped(filter);
        long total = 0;
        boolean exact = true;
        boolean complete = true;
        for (FanOut.Result<SourceSlice> result : results) {
            if (result.failure() != null) {
                reports.add(result.failureReport());
                complete = false;
                exact = false;
                continue;
            }
            SourceSlice slice = result.value();
            SourceReport report = result.answeredReport(fanOut.now(), slice.fetchedAt(), slice.staleCause(),
                    slice.total(), slice.truncated());
            reports.add(report);
            complete &= report.state() == SourceState.OK;
            slices.add(slice.tasks());
            if (slice.frontier() != null && (after == null || after.isBefore(slice.frontier()))
                    && (frontier == null || slice.frontier().isBefore(frontier))) {
                frontier = slice.frontier();
            }
            total += slice.total() == null ? slice.tasks().size() : slice.total();
            exact &= slice.totalExact();
        }
        reports.sort(Comparator.comparingInt(r -> position(r.id())));

        List<Task> merged = merge(slices, limit, frontier);
        List<Task> items = merged.subList(Math.min(offset, merged.size()),
                Math.min(offset + query.size(), merged.size()));
        Position resumeAfter = null;
        if (merged.size() > offset + query.size() && !items.isEmpty()) {
            resumeAfter = items.get(items.size() - 1).position();
        } else if (frontier != null) {
            // A source hit its scan cap: what lies past its frontier is unknown, so this page stops
            // there (maybe short, maybe empty) and the walk resumes from the frontier.
            resumeAfter = frontier;
        }
        String next = resumeAfter == null ? null
                : cursors.encode(new Cursor(resumeAfter, query.pageNumber() + 1), filter, query.size());
        List<Task> shown = query.includeRaw() ? List.copyOf(items)
                : items.stream().map(Task::withoutRaw).toList();
        return new TaskPage(shown, new TaskPage.PageInfo(query.size(), query.pageNumber(), total,
                exact && complete, next), reports, complete);
    }

    /**
     * Reads one task with its raw record: from a fresh held read of its source when one has it, else
     * from the provider (a whole-list read, shared and cached, for a source that can only scan).
     * Throws when it is missing or its source fails.
     */
    public Task get(TaskId id) {
        return lookup(id, false);
    }

    /**
     * Reads one task as it is now, for an action's pre-read: never from a held read made before this
     * call. Bounded by the request deadline like every read.
     */
    public Task current(TaskId id) {
        return lookup(id, true);
    }

    private Task lookup(TaskId id, boolean current) {
        SourceRegistry.Entry entry = registry.find(id.source())
                .filter(SourceRegistry.Entry::enabled)
                .orElseThrow(() -> new UnknownSourceException(id.source()));
        var result = fanOut.run(List.of(entry), e -> reader.find(e, id, current)
                .orElseGet(() -> e.source().find(id.nativeId()))
                .orElseThrow(() -> new TaskNotFoundException(id))).get(0);
        if (result.failure() != null) {
            throw result.failure();
        }
        entry.health().success(fanOut.now());
        return result.value();
    }

    /** The enabled sources the filter selects, in configuration order. */
    List<SourceRegistry.Entry> selected(TaskFilter filter) {
        return registry.enabled().stream()
                .filter(e -> filter.selects(e.info().id(), e.info().provider())).toList();
    }

    /** SKIPPED reports for the enabled sources the filter leaves out. */
    List<SourceReport> skipped(TaskFilter filter) {
        List<SourceReport> reports = new ArrayList<>();
        registry.enabled().stream().filter(e -> !filter.selects(e.info().id(), e.info().provider()))
                .forEach(e -> reports.add(SourceReport.skipped(e.info())));
        return reports;
    }

    /** A source's place in configuration order, so reports keep that order. */
    int position(String sourceId) {
        List<SourceRegistry.Entry> all = registry.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).info().id().equals(sourceId)) {
                return i;
            }
        }
        return all.size();
    }

    /**
     * Merges slices already in {@link Task#ORDER}, keeping the first {@code limit} that come
     * before {@code frontier} (null: no frontier).
     */
    static List<Task> merge(List<List<Task>> slices, int limit, Position frontier) {
        record Head(Task task, int slice, int index) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::task, Task.ORDER));
        for (int s = 0; s < slices.size(); s++) {
            if (!slices.get(s).isEmpty()) {
                heads.add(new Head(slices.get(s).get(0), s, 0));
            }
        }
        List<Task> merged = new ArrayList<>();
        while (!heads.isEmpty() && merged.size() < limit) {
            Head head = heads.poll();
            if (frontier != null && !head.task().position().isBefore(frontier)) {
                break;
            }
            merged.add(head.task());
            List<Task> slice = slices.get(head.slice());
            if (head.index() + 1 < slice.size()) {
                heads.add(new Head(slice.get(head.index() + 1), head.slice(), head.index() + 1));
            }
        }
        return merged;
    }
}
