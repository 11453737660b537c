package dev.taskgateway.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Counts matching tasks per status and source, as cheaply as each source allows: the provider's
 * own counters when they answer the filter exactly, else one page-size-1 probe per status while
 * the provider's totals are exact for it, else a scan through {@link SourceReader}.
 */
public final class TaskStatistics {

    private final TaskQueryEngine engine;
    private final FanOut fanOut;

    public TaskStatistics(TaskQueryEngine engine, ExecutorService executor, Clock clock, Duration deadline) {
        this.engine = engine;
        this.fanOut = new FanOut(executor, clock, deadline);
    }

    /** Counts for {@code filter}. Never throws for a failing source: it reports it. */
    public TaskStats stats(TaskFilter filter) {
        Set<TaskStatus> statuses = filter.statuses().isEmpty() ? EnumSet.allOf(TaskStatus.class)
                : EnumSet.copyOf(filter.statuses());
        var results = fanOut.run(engine.selected(filter), e -> count(e, filter, statuses, engine.reader()));
        Map<TaskStatus, Long> byStatus = zeros(statuses);
        List<TaskStats.SourceStats> bySource = new ArrayList<>();
        long total = 0;
        boolean exact = true;
        boolean complete = true;
        for (FanOut.Result<Counted> result : results) {
            if (result.failure() != null) {
                bySource.add(new TaskStats.SourceStats(result.failureReport(), null, Map.of(), null, false));
                exact = false;
                complete = false;
                continue;
            }
            Counted counted = result.value();
            SourceReport report = result.answeredReport(fanOut.now(), counted.fetchedAt(), counted.staleCause(),
                    counted.total(), !counted.exact());
            complete &= report.state() == SourceState.OK;
            bySource.add(new TaskStats.SourceStats(report, counted.total(), counted.byStatus(), counted.method(),
                    counted.exact()));
            counted.byStatus().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
            total += counted.total();
            exact &= counted.exact();
        }
        bySource.sort(Comparator.comparingInt(s -> engine.position(s.report().id())));
        return new TaskStats(total, byStatus, bySource, exact && complete, complete);
    }

    /**
     * One source's counts and how they were made.
     *
     * @param fetchedAt  the oldest page's fetch time, or null for now
     * @param staleCause when a page came from cache after a failure, that failure
     */
    private record Counted(long total, Map<TaskStatus, Long> byStatus, String method, boolean exact,
                           Instant fetchedAt, SourceException staleCause) {
    }

    /**
     * Counts from a fresh held read of the whole list when there is one (no call); else from the
     * provider's own counters; else from a read of the whole list, which later lists and details
     * share; past the scan cap of a newest-first list, from one page-size-1 probe per status.
     */
    private static Counted count(SourceRegistry.Entry entry, TaskFilter filter, Set<TaskStatus> statuses,
                                 SourceReader reader) {
        TaskSource source = entry.source();
        HeldRead held = reader.heldComplete(entry);
        // No provider counts by last change: updatedFrom is counted here, over the list.
        boolean local = filter.updatedFrom() != null;
        if (held == null && !local) {
            Optional<Map<TaskStatus, Long>> counters = source.counts(filter);
            if (counters.isPresent()) {
                Map<TaskStatus, Long> byStatus = zeros(statuses);
                counters.get().forEach((status, n) -> {
                    if (statuses.contains(status)) {
                        byStatus.put(status, n);
                    }
                });
                return new Counted(sum(byStatus), byStatus, "native", true, null, null);
            }
        }
        SourceReader.Counted read = reader.count(entry, filter);
        if (!read.exact() && !local && source.info().ordering() == Ordering.NEWEST_FIRST) {
            Optional<Counted> probed = probe(source, filter, statuses);
            if (probed.isPresent()) {
                return probed.get();
            }
        }
        Map<TaskStatus, Long> byStatus = zeros(statuses);
        read.matches().forEach(task -> byStatus.merge(task.status(), 1L, Long::sum));
        return new Counted(sum(byStatus), byStatus, held == null ? "scan" : "held", read.exact(),
                read.fetchedAt(), read.staleCause());
    }

    /** One page-size-1 call per status; empty when any total is not exact for the filter. */
    private static Optional<Counted> probe(TaskSource source, TaskFilter filter, Set<TaskStatus> statuses) {
        Map<TaskStatus, Long> byStatus = zeros(statuses);
        for (TaskStatus status : statuses) {
            UpstreamPage page = source.fetch(new UpstreamQuery(Set.of(status), filter.nameContains(),
                    filter.createdFrom(), filter.createdUntil(), 1, 1));
            if (!page.totalExact()) {
                return Optional.empty();
            }
            byStatus.put(status, page.total());
        }
        return Optional.of(new Counted(sum(byStatus), byStatus, "probe", true, null, null));
    }

    private static Map<TaskStatus, Long> zeros(Set<TaskStatus> statuses) {
        Map<TaskStatus, Long> map = new EnumMap<>(TaskStatus.class);
        statuses.forEach(s -> map.put(s, 0L));
        return map;
    }

    private static long sum(Map<TaskStatus, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
