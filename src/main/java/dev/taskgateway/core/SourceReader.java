package dev.taskgateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers one source's part of a query from what the gateway holds of it ({@link HeldRead}s in
 * the {@link ReadCache}), reading upstream only what is not held (DESIGN §7, read model):
 * <ul>
 *   <li>{@code UNORDERED}: the whole list, at the provider's largest page, read once while fresh and
 *       shared by every query; filters, sizes, pages and cursor positions are answered locally.</li>
 *   <li>{@code NEWEST_FIRST}: a run of pages from the top of the list as the provider receives it
 *       (only pushed filters in the key), continued page by page as walks go deeper, so a walk of N
 *       tasks costs about N ÷ page size calls. A cursor deeper than any held run starts a new run at
 *       its position, pushed upstream as a time bound, so a page's cost stays flat at any depth.
 *       A run held to its end answers every filter locally.</li>
 * </ul>
 * Every filter is applied here again, whatever the adapter pushed.
 */
final class SourceReader {

    /** Reading ahead for a filter answered locally assumes at least this share of tasks match. */
    private static final double MIN_DENSITY = 0.02;

    private final ReadCache cache;
    private final PagePlan plan;

    SourceReader(ReadCache cache, PagePlan plan) {
        this.cache = cache;
        this.plan = plan;
    }

    /** The first {@code limit} tasks matching {@code filter} strictly after {@code after}. */
    SourceSlice read(SourceRegistry.Entry entry, TaskFilter filter, Position after, int limit) {
        Reading reading = new Reading(entry);
        return entry.info().ordering() == Ordering.NEWEST_FIRST
                ? reading.newestFirst(filter, after, limit)
                : reading.unordered(filter, after, limit);
    }

    /**
     * The task with that id from what is held (fresh), or from a read of the whole list when the
     * source can find a task only by scanning; empty when the source must be asked directly.
     *
     * @param current true to accept no held read older than now (an action's pre-read)
     */
    Optional<Optional<Task>> find(SourceRegistry.Entry entry, TaskId id, boolean current) {
        if (!current) {
            for (HeldRead held : cache.of(entry.info().id())) {
                Task task = held.task(id);
                if (task != null && fresh(entry, held)) {
                    return Optional.of(Optional.of(task));
                }
            }
        }
        if (!entry.source().findsByScanning()) {
            return Optional.empty();
        }
        Reading reading = new Reading(entry);
        HeldRead whole = reading.complete(current);
        Task task = whole.task(id);
        if (task == null && (whole.truncated() || !whole.ended())) {
            return Optional.empty(); // not in the part read: ask the source itself
        }
        return Optional.of(Optional.ofNullable(task));
    }

    /**
     * Everything the source lists (up to its scan cap), for counting: the whole unordered list, or
     * a newest-first run read to its end.
     */
    Counted count(SourceRegistry.Entry entry, TaskFilter filter) {
        Reading reading = new Reading(entry);
        HeldRead whole = reading.complete(false);
        List<Task> matches = whole.sorted().stream().filter(filter::matches).toList();
        return new Counted(matches, whole.ended() && !whole.truncated(), whole.fetchedAt(), reading.staleCause);
    }

    /** A fresh, complete held read of the source that answers every filter, or null. */
    HeldRead heldComplete(SourceRegistry.Entry entry) {
        HeldRead top = cache.get(baseKey(entry.source()));
        return top != null && top.ended() && !top.truncated() && fresh(entry, top) ? top : null;
    }

    /** What a count read: the matching tasks, whether that is all of them, and how fresh. */
    record Counted(List<Task> matches, boolean exact, Instant fetchedAt, SourceException staleCause) {
    }

    private boolean fresh(SourceRegistry.Entry entry, HeldRead held) {
        return Duration.between(held.fetchedAt(), cache.now()).compareTo(entry.policy().freshTtl()) < 0;
    }

    /** The list with nothing pushed: the one read every query of an unordered source shares. */
    static ReadKey baseKey(TaskSource source) {
        UpstreamQuery all = new UpstreamQuery(Set.of(), null, null, null, 1, 1);
        return new ReadKey(source.info().id(), normalized(source.pushed(all).orElse(all)), null);
    }

    /** One request's use of one source: what it cost and whether any of it came stale from the cache. */
    private final class Reading {
        private final SourceRegistry.Entry entry;
        private final TaskSource source;
        private final SourceInfo info;
        private final boolean noCache = CallContext.current().noCache();
        private SourceException staleCause;
        private int calls;

        Reading(SourceRegistry.Entry entry) {
            this.entry = entry;
            this.source = entry.source();
            this.info = entry.info();
        }

        SourceSlice unordered(TaskFilter filter, Position after, int limit) {
            HeldRead whole = held(baseKey(source), false);
            return slice(whole, filter, after, limit, null, null);
        }

        /** The whole list as far as it can be read for one request: complete, or cut at the scan cap. */
        HeldRead complete(boolean current) {
            ReadKey key = baseKey(source);
            if (info.ordering() != Ordering.NEWEST_FIRST) {
                return held(key, current);
            }
            HeldRead run = current ? null : usable(cache.get(key));
            int scanned = 0;
            while (run == null || !run.ended()) {
                if (scanned >= info.scanCap()) {
                    break;
                }
                HeldRead longer = extend(key, run, pagesLeft(run, Integer.MAX_VALUE));
                if (longer == null) {
                    break; // failed with something held: answered stale
                }
                scanned += longer.sorted().size() - (run == null ? 0 : run.sorted().size());
                run = longer;
            }
            return run;
        }

        /** A fresh held read of {@code key}, else a new one; the old one stands in (stale) when that fails. */
        private HeldRead held(ReadKey key, boolean current) {
            HeldRead held = cache.get(key);
            if (held != null && !current && !noCache && fresh(entry, held)) {
                cache.record(info.id(), "hit");
                return held;
            }
            try {
                CompletableFuture<HeldRead> load = cache.load(key, null, entry.policy(), () -> readAll(key));
                cache.record(info.id(), "miss");
                return await(load);
            } catch (SourceException failure) {
                HeldRead fallback = held != null ? held : cache.get(key);
                if (fallback == null || current) {
                    throw failure;
                }
                cache.record(info.id(), "stale");
                staleCause = failure;
                return fallback;
            }
        }

        /**
         * Reads every page of an unordered list: page 1, then the pages its total (or the last read
         * of the same list) says follow, all at once, then on one by one while the list goes on.
         * The total is counted in pages of the length the provider sent ({@link SourceReader#sentLength}).
         */
        private HeldRead readAll(ReadKey key) {
            Instant started = cache.now(); // a read is as old as its first call
            int expected = plan.expected(info.id(), key.pushed());
            List<UpstreamPage> pages = null;
            if (expected > 1) {
                try {
                    pages = allAtOnce(key, expected);
                } catch (SourceException refused) {
                    if (refused.code() != ErrorCode.UPSTREAM_REJECTED) {
                        throw refused;
                    }
                    // the page size may no longer be accepted: page 1 alone steps it down
                }
            }
            UpstreamPage first = pages != null ? pages.get(0) : firstPage(key, cache.pageSize(info));
            if (pages == null) {
                pages = new ArrayList<>(List.of(first));
            }
            int size = cache.pageSize(info); // after any step-down page 1 needed
            if (pages.size() == 1 && !ends(first)) {
                int length = sentLength(first, size);
                long more = first.total() != null
                        ? pagesOf(first.total(), length) - 1 : Math.max(0, expected - 1);
                long bound = Math.min(more, pagesOf(info.scanCap(), length) - 1);
                if (bound > 0) {
                    pages.addAll(plan.fetch(2, (int) bound + 1, page -> call(key.page(page, size))));
                }
            }
            boolean truncated = false;
            int seen = 0;
            int used = 0;
            while (true) {
                UpstreamPage answer = used < pages.size() ? pages.get(used) : call(key.page(used + 1, size));
                if (used >= pages.size()) {
                    pages.add(answer);
                }
                used++;
                seen += answer.tasks().size();
                if (ends(answer)) {
                    break;
                }
                if (seen >= info.scanCap()) {
                    truncated = true;
                    break;
                }
            }
            plan.remember(info.id(), key.pushed(), used);
            return HeldRead.of(key, size, pages.subList(0, used), truncated, started, Duration.ZERO);
        }

        /**
         * The pages the last read of this list took, page 1 among them, in one wave: a list read
         * before costs one round trip, not page 1 first and the rest after it (issue 16: TikMatrix's
         * 500 demo tasks, 5 pages, took two). Then on as far as page 1's total says, at once; past
         * that, {@link #readAll} reads on page by page while the list goes on. The last read stopped
         * at the scan cap counted in the pages the provider sent; the length of those pages is not
         * known before page 1, so the count is only kept below the cap's task count (pages of one
         * task at the least), a guard against a count remembered under another configuration.
         */
        private List<UpstreamPage> allAtOnce(ReadKey key, int expected) {
            int size = cache.pageSize(info);
            int asked = Math.min(expected, info.scanCap()); // pages, at most one per task the cap allows
            List<UpstreamPage> pages = new ArrayList<>(plan.fetch(1, asked, page -> call(key.page(page, size))));
            UpstreamPage first = pages.get(0);
            if (first.total() != null && !ends(pages.get(pages.size() - 1))) {
                int length = sentLength(first, size);
                long total = Math.min(pagesOf(first.total(), length), pagesOf(info.scanCap(), length));
                if (total > asked) {
                    pages.addAll(plan.fetch(asked + 1, (int) total, page -> call(key.page(page, size))));
                }
            }
            return pages;
        }

        /**
         * Page 1 at the remembered page size; when the provider refuses that size (a 4xx), the size
         * steps down and is remembered, rather than failing the source.
         */
        private UpstreamPage firstPage(ReadKey key, int pageSize) {
            int size = pageSize;
            while (true) {
                try {
                    return call(key.page(1, size));
                } catch (SourceException refused) {
                    int smaller = refused.code() == ErrorCode.UPSTREAM_REJECTED ? cache.stepDown(info, size) : 0;
                    if (smaller <= 0 || smaller >= size) {
                        throw refused;
                    }
                    size = smaller;
                }
            }
        }

        SourceSlice newestFirst(TaskFilter filter, Position after, int limit) {
            HeldRead complete = noCache ? null : heldComplete(entry);
            if (complete != null) {
                cache.record(info.id(), "hit");
                return slice(complete, filter, after, limit, null, null);
            }
            int size = cache.pageSize(info);
            Optional<UpstreamQuery> pushed = source.pushed(new UpstreamQuery(filter.statuses(), filter.nameContains(),
                    filter.createdFrom(), filter.createdUntil(), 1, size));
            if (pushed.isEmpty()) {
                return new SourceSlice(List.of(), 0L, true, false, 0, null, null, null);
            }
            UpstreamQuery list = normalized(pushed.get());
            ReadKey top = new ReadKey(info.id(), list, null);
            boolean bounds = canBound(size);
            HeldRead run = choose(top, after, bounds);
            ReadKey key = run != null ? run.key() : after == null || after.createdAt() == null || !bounds ? top
                    : new ReadKey(info.id(), list, after.createdAt());
            boolean exactTotals = fullyPushed(filter, list);
            int cap = Math.max(info.scanCap(), limit);
            int scanned = 0;
            while (true) {
                if (run != null) {
                    int matches = matchesAfter(run, filter, after, limit);
                    if (matches >= limit || run.ended() || below(run, filter.createdFrom())) {
                        return answer(run, top, exactTotals, filter, after, limit, null);
                    }
                    if (scanned >= cap) {
                        return answer(run, top, exactTotals, filter, after, limit, run.frontier());
                    }
                }
                if (run != null && run.sorted().size() >= cache.maxRunTasks() && bounds && after != null
                        && after.createdAt() != null && !after.createdAt().equals(run.key().start())) {
                    // Held this deep, a run would crowd out every other read: go on from the cursor instead.
                    key = new ReadKey(info.id(), list, after.createdAt());
                    run = null;
                    continue;
                }
                int room = (int) Math.ceil((double) (cap - scanned) / (run == null ? size : run.pageLength()));
                HeldRead longer = extend(key, run, Math.min(room, pagesFor(run, filter, after, limit)));
                if (longer == null) {
                    return answer(run, top, exactTotals, filter, after, limit, run.frontier());
                }
                scanned += longer.sorted().size() - (run == null ? 0 : run.sorted().size());
                run = longer;
            }
        }

        /**
         * The held run a walk continues: for a first page the top of the list if fresh; for a cursor,
         * a fresh run that starts at or above the cursor and has been read down to it.
         */
        private HeldRead choose(ReadKey top, Position after, boolean bounds) {
            if (noCache) {
                return null;
            }
            if (after == null || !bounds) {
                return usable(cache.get(top));
            }
            HeldRead best = null;
            for (HeldRead run : cache.family(top)) {
                if (fresh(entry, run) && startsAbove(run, after) && run.reached(after)
                        && (best == null || run.sorted().size() > best.sorted().size())) {
                    best = run;
                }
            }
            return best;
        }

        /** True when the adapter pushes a createdAt upper bound, so a read can start mid-list. */
        private boolean canBound(int size) {
            UpstreamQuery probe = new UpstreamQuery(Set.of(), null, null, Instant.EPOCH.plusSeconds(1), 1,
                    size);
            return source.pushed(probe).map(q -> q.createdUntil() != null).orElse(false);
        }

        /** True when the provider receives every task-level filter, so its count is the count. */
        private boolean fullyPushed(TaskFilter filter, UpstreamQuery list) {
            return filter.updatedFrom() == null && list.statuses().equals(filter.statuses())
                    && Objects.equals(list.nameContains(), filter.nameContains())
                    && Objects.equals(list.createdFrom(), filter.createdFrom())
                    && Objects.equals(list.createdUntil(), filter.createdUntil());
        }

        private HeldRead usable(HeldRead held) {
            return held != null && !noCache && fresh(entry, held) ? held : null;
        }

        private boolean startsAbove(HeldRead run, Position after) {
            Instant start = run.key().start();
            return start == null || (after.createdAt() != null && !start.isBefore(after.createdAt()));
        }

        /**
         * Reads {@code pages} more pages of {@code key}'s run (or its first ones), sharing the load
         * with every request that needs the same step. Null when that fails and {@code run} stands in.
         */
        private HeldRead extend(ReadKey key, HeldRead run, int pages) {
            try {
                CompletableFuture<HeldRead> load = cache.load(key, run, entry.policy(),
                        () -> grow(key, run, pages));
                cache.record(info.id(), "miss");
                return await(load);
            } catch (SourceException failure) {
                if (run == null) {
                    HeldRead old = cache.get(key);
                    if (old == null) {
                        throw failure;
                    }
                    cache.record(info.id(), "stale");
                    staleCause = failure;
                    return old;
                }
                cache.record(info.id(), "stale");
                staleCause = failure;
                return null;
            }
        }

        /** The run {@code key} with {@code pages} more pages read (or its first ones, page 1 first). */
        private HeldRead grow(ReadKey key, HeldRead run, int pages) {
            Instant started = cache.now();
            List<UpstreamPage> answers = new ArrayList<>();
            int from = run == null ? 1 : run.pages() + 1;
            if (run == null) {
                answers.add(firstPage(key, cache.pageSize(info)));
                from = 2;
            }
            int size = run == null ? cache.pageSize(info) : run.pageSize();
            int to = run == null ? pages : from + pages - 1;
            if (to >= from && (answers.isEmpty() || !ends(answers.get(0)))) {
                answers.addAll(plan.fetch(from, to, page -> call(key.page(page, size))));
            }
            return run == null
                    ? HeldRead.of(key, size, answers, false, started, source.orderSkew())
                    : run.extend(answers, false);
        }

        /** Pages to read next: enough for the matches still missing at the density seen so far, at least one. */
        private int pagesFor(HeldRead run, TaskFilter filter, Position after, int limit) {
            int size = run == null ? cache.pageSize(info) : run.pageLength();
            double density = 1;
            if (run != null && !run.sorted().isEmpty()) {
                long all = run.sorted().stream().filter(filter::matches).count();
                density = Math.max(MIN_DENSITY, (double) all / run.sorted().size());
            }
            int missing = limit - (run == null ? 0 : matchesAfter(run, filter, after, limit));
            // A tenth more: the tasks of the oldest second read are not complete until the next page.
            double tasks = Math.max(1, missing) * 1.1 / density;
            int pages = (int) Math.min(PagePlan.MAX_PARALLEL, Math.ceil(tasks / size));
            return pagesLeft(run, Math.max(1, pages));
        }

        /**
         * At most {@code wanted}, and no more than the provider's total says are left, in pages of the
         * length it sends ({@link HeldRead#pageLength}): a silent cap numbers the pages by it.
         */
        private int pagesLeft(HeldRead run, int wanted) {
            int size = run == null ? cache.pageSize(info) : run.pageLength();
            if (run == null || run.total() == null) {
                return Math.min(wanted, run == null ? 1 : PagePlan.MAX_PARALLEL);
            }
            long left = (run.total() + size - 1) / size - run.pages();
            return (int) Math.max(1, Math.min(wanted, Math.min(left, PagePlan.MAX_PARALLEL)));
        }

        /** True when everything at or after {@code from} is held: the run is complete below it. */
        private boolean below(HeldRead run, Instant from) {
            Position frontier = run.frontier();
            return from != null && frontier != null && frontier.createdAt() != null
                    && frontier.createdAt().isBefore(from);
        }

        private int matchesAfter(HeldRead run, TaskFilter filter, Position after, int limit) {
            int count = 0;
            List<Task> sorted = run.sorted();
            for (int i = run.firstAfter(after); i < sorted.size() && count < limit; i++) {
                Task task = sorted.get(i);
                if (!run.covers(task.position())) {
                    break;
                }
                if (filter.matches(task)) {
                    count++;
                }
            }
            return count;
        }

        /**
         * A newest-first run's answer: matches within its complete part, and a frontier when cut short.
         * The total: counted when the run holds the whole list, else the provider's count of the list
         * (exact when it receives every filter; a run that began mid-list asks the top for it).
         */
        private SourceSlice answer(HeldRead run, ReadKey top, boolean exactTotals, TaskFilter filter, Position after,
                                   int limit, Position frontier) {
            if (run.ended() && run.key().start() == null) {
                return slice(run, filter, after, limit, null, frontier);
            }
            HeldRead counted = run.key().start() == null ? run : cache.get(top);
            if (counted == null && exactTotals) {
                counted = extend(top, null, 1);
            }
            Long total = counted == null ? null : counted.total();
            Total known = new Total(total, exactTotals && counted != null && counted.totalExact());
            return slice(run, filter, after, limit, known, frontier);
        }

        /** A count the provider gave. */
        private record Total(Long value, boolean exact) {
        }

        /**
         * The slice of a held read: its first {@code limit} matches after {@code after} (within its
         * complete part), and the total: counted here when {@code given} is null (the read holds every
         * task), else the provider's.
         */
        private SourceSlice slice(HeldRead read, TaskFilter filter, Position after, int limit, Total given,
                                  Position frontier) {
            List<Task> sorted = read.sorted();
            List<Task> tasks = new ArrayList<>(Math.min(limit, 64));
            for (int i = read.firstAfter(after); i < sorted.size() && tasks.size() < limit; i++) {
                Task task = sorted.get(i);
                if (info.ordering() == Ordering.NEWEST_FIRST && !read.covers(task.position())) {
                    break;
                }
                if (filter.matches(task)) {
                    tasks.add(task);
                }
            }
            Long total = given != null ? given.value() : Long.valueOf(sorted.stream().filter(filter::matches).count());
            boolean exact = given == null ? !read.truncated() : given.exact();
            Position cut = frontier != null && (after == null || after.isBefore(frontier)) ? frontier : null;
            return new SourceSlice(tasks, total, exact, read.truncated() || cut != null, calls, read.fetchedAt(),
                    staleCause, cut);
        }

        /** One upstream call; may run on several threads at once during a read. */
        private UpstreamPage call(UpstreamQuery query) {
            UpstreamPage answer = source.fetch(query);
            synchronized (this) {
                calls++;
            }
            return answer;
        }

        /** Waits for a shared load until the request's deadline; failures come out as {@link SourceException}s. */
        private HeldRead await(CompletableFuture<HeldRead> load) {
            try {
                long nanos = CallContext.current().remainingNanos();
                return nanos == Long.MAX_VALUE ? load.get() : load.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw asSourceException(e.getCause());
            } catch (TimeoutException e) {
                throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within the request deadline");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within the request deadline");
            }
        }

        private SourceException asSourceException(Throwable failure) {
            if (failure instanceof SourceException sourceFailure) {
                return sourceFailure;
            }
            if (failure instanceof RejectedExecutionException) {
                return new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "the gateway is shutting down");
            }
            System.getLogger(SourceReader.class.getName()).log(System.Logger.Level.WARNING,
                    "source " + info.id() + " failed unexpectedly", failure);
            return new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "could not read the provider's answer",
                    null, failure);
        }
    }

    /** A pushed query as a key: page and page size are the read's business, not the list's. */
    private static UpstreamQuery normalized(UpstreamQuery pushed) {
        return new UpstreamQuery(pushed.statuses(), pushed.nameContains(), pushed.createdFrom(), pushed.createdUntil(),
                1, 1);
    }

    /**
     * The tasks a page holds as the provider numbers its pages: page 1's count when it is not the
     * last and holds fewer than asked. A provider that caps the page size silently (Longlonglong's
     * Laravel paginator) pages by the capped length, so with 100 asked and 50 sent a total of 500
     * is 10 pages, not 5 — counted at the asked size, pages 6..10 would follow one by one. A page
     * short for another reason (an object the mapper refused) costs at most an empty page.
     */
    private static int sentLength(UpstreamPage first, int asked) {
        int sent = first.tasks().size();
        return !ends(first) && sent < asked ? sent : asked;
    }

    private static long pagesOf(long tasks, int length) {
        return (tasks + length - 1) / length;
    }

    private static boolean ends(UpstreamPage answer) {
        return answer.last() || answer.tasks().isEmpty();
    }
}
