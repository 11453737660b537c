package dev.taskgateway.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fans a query out to the selected sources in parallel, merges their ordered slices and cuts
 * one page (DESIGN §5).
 *
 * <p>Paging is keyset-based: a cursor resumes strictly after the last task handed out, so tasks
 * created upstream during a walk never shift it. Paging by number asks each source for its first
 * {@code page*size+1} tasks, which is the same walk, bounded by the 10,000 window.
 */
public final class TaskQueryEngine {

    private static final System.Logger LOG = System.getLogger(TaskQueryEngine.class.getName());

    private final SourceRegistry registry;
    private final ExecutorService executor;
    private final CursorCodec cursors;
    private final Clock clock;
    private final Duration deadline;

    public TaskQueryEngine(SourceRegistry registry, ExecutorService executor, CursorCodec cursors,
                           Clock clock, Duration deadline) {
        this.registry = registry;
        this.executor = executor;
        this.cursors = cursors;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** The page {@code query} asks for. Never throws for a failing source: it reports it. */
    public TaskPage list(TaskQuery query) {
        TaskFilter filter = query.filter();
        int offset = query.cursor() == null ? (query.page() - 1) * query.size() : 0;
        int limit = offset + query.size() + 1;
        Position after = query.cursor() == null ? null : query.cursor().after();

        List<SourceRegistry.Entry> selected = new ArrayList<>();
        List<SourceReport> reports = new ArrayList<>();
        for (SourceRegistry.Entry entry : registry.enabled()) {
            if (filter.selects(entry.info().id(), entry.info().provider())) {
                selected.add(entry);
            }
        }
        List<Outcome> outcomes = fanOut(selected, e -> SourceReader.read(e.source(), filter, after, limit));

        List<List<Task>> slices = new ArrayList<>();
        long total = 0;
        boolean exact = true;
        boolean complete = true;
        int i = 0;
        for (SourceRegistry.Entry entry : registry.enabled()) {
            if (!filter.selects(entry.info().id(), entry.info().provider())) {
                reports.add(SourceReport.skipped(entry.info()));
                continue;
            }
            Outcome outcome = outcomes.get(i++);
            reports.add(outcome.report());
            complete &= outcome.report().state() == SourceState.OK;
            if (outcome.slice() == null) {
                exact = false;
                continue;
            }
            slices.add(outcome.slice().tasks());
            total += outcome.slice().total() == null ? outcome.slice().tasks().size() : outcome.slice().total();
            exact &= outcome.slice().totalExact();
        }

        List<Task> merged = merge(slices, limit);
        List<Task> items = merged.subList(Math.min(offset, merged.size()),
                Math.min(offset + query.size(), merged.size()));
        String next = null;
        if (merged.size() > offset + query.size() && !items.isEmpty()) {
            Cursor cursor = new Cursor(items.get(items.size() - 1).position(), query.pageNumber() + 1);
            next = cursors.encode(cursor, filter, query.size());
        }
        List<Task> shown = query.includeRaw() ? List.copyOf(items)
                : items.stream().map(Task::withoutRaw).toList();
        return new TaskPage(shown, new TaskPage.PageInfo(query.size(), query.pageNumber(), total,
                exact && complete, next), reports, complete && !selected.isEmpty());
    }

    /** Reads one task with its raw record; throws when it is missing or its source fails. */
    public Task get(TaskId id) {
        SourceRegistry.Entry entry = registry.find(id.source())
                .filter(SourceRegistry.Entry::enabled)
                .orElseThrow(() -> new UnknownSourceException(id.source()));
        Outcome outcome = fanOut(List.of(entry), e -> {
            Task task = e.source().find(id.nativeId()).orElseThrow(() -> new TaskNotFoundException(id));
            return new SourceSlice(List.of(task), 1L, true, false, 1, null, null);
        }).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.slice().tasks().get(0);
    }

    /** Merges slices already in {@link Task#ORDER}, keeping the first {@code limit}. */
    static List<Task> merge(List<List<Task>> slices, int limit) {
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
            merged.add(head.task());
            List<Task> slice = slices.get(head.slice());
            if (head.index() + 1 < slice.size()) {
                heads.add(new Head(slice.get(head.index() + 1), head.slice(), head.index() + 1));
            }
        }
        return merged;
    }

    /** What one source gave: a slice and its report, or a failure. */
    private record Outcome(SourceSlice slice, SourceReport report, RuntimeException failure) {
    }

    /** Work done against one source. */
    private interface SourceWork {
        SourceSlice run(SourceRegistry.Entry entry);
    }

    /** Runs {@code work} on every entry in parallel and waits until the deadline at most. */
    private List<Outcome> fanOut(List<SourceRegistry.Entry> entries, SourceWork work) {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        long deadlineNanos = startNanos + deadline.toNanos();
        List<Future<SourceSlice>> futures = new ArrayList<>();
        for (SourceRegistry.Entry entry : entries) {
            futures.add(executor.submit(() -> work.run(entry)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            outcomes.add(await(entries.get(i), futures.get(i), startNanos, deadlineNanos, start));
        }
        return outcomes;
    }

    private Outcome await(SourceRegistry.Entry entry, Future<SourceSlice> future, long startNanos,
                          long deadlineNanos, Instant start) {
        SourceInfo info = entry.info();
        RuntimeException failure;
        try {
            SourceSlice slice = future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            return answered(entry, slice, latency);
        } catch (TimeoutException e) {
            future.cancel(true);
            failure = new SourceException(ErrorCode.UPSTREAM_TIMEOUT,
                    "no answer within the request deadline of " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            failure = classify(info, e.getCause());
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
            failure = new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "request was cancelled");
        }
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (!(failure instanceof SourceException sourceFailure)) {
            return new Outcome(null, null, failure);
        }
        entry.health().failure(clock.instant(), sourceFailure.code());
        SourceReport report = new SourceReport(info.id(), info.provider(), sourceFailure.code().state(),
                latency, null, null, null, false, SourceReport.SourceError.from(sourceFailure));
        return new Outcome(null, report, sourceFailure);
    }

    /**
     * Domain failures pass through; anything else is an adapter that could not read what the
     * provider sent, which is the provider's answer being bad, not the client's request.
     */
    private static RuntimeException classify(SourceInfo info, Throwable cause) {
        if (cause instanceof SourceException || cause instanceof TaskNotFoundException
                || cause instanceof ActionNotSupportedException || cause instanceof ActionConflictException) {
            return (RuntimeException) cause;
        }
        LOG.log(System.Logger.Level.WARNING, "source " + info.id() + " failed unexpectedly", cause);
        return new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE,
                "could not read the provider's answer", null, cause);
    }

    private Outcome answered(SourceRegistry.Entry entry, SourceSlice slice, long latency) {
        SourceInfo info = entry.info();
        Instant now = clock.instant();
        boolean stale = slice.staleCause() != null;
        if (stale) {
            entry.health().failure(now, slice.staleCause().code());
        } else {
            entry.health().success(now);
        }
        Instant fetchedAt = slice.fetchedAt() == null ? now : slice.fetchedAt();
        Long age = stale ? Math.max(0, Duration.between(fetchedAt, now).toSeconds()) : null;
        SourceReport report = new SourceReport(info.id(), info.provider(),
                stale ? SourceState.STALE : SourceState.OK, latency, fetchedAt, age, slice.total(),
                slice.truncated(), stale ? SourceReport.SourceError.from(slice.staleCause()) : null);
        return new Outcome(slice, report, null);
    }
}
