package dev.taskgateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first {@code limit} matching tasks after a position from one source, choosing the
 * strategy by the source's {@link Ordering}:
 * <ul>
 *   <li>{@code NEWEST_FIRST}: pushes the position upstream as an inclusive {@code createdUntil}
 *       bound and reads pages only until the limit is reached and no later page can still hold a
 *       tie, so a page costs the same number of calls however deep the walk is;</li>
 *   <li>{@code UNORDERED}: reads every page (up to the scan cap) with the same query each time, so
 *       a cache in front of the source answers every later page of a walk, then sorts.</li>
 * </ul>
 * Every filter is applied here again, whatever the adapter pushed.
 */
final class SourceReader {

    private static final Duration ONE_NANO = Duration.ofNanos(1);
    private static final int MIN_NEWEST_FIRST_PAGE = 20;

    private SourceReader() {
    }

    /**
     * The upstream page size of a newest-first read: twice {@code limit}, within the provider's
     * maximum. A read may stop only once it has seen a task older than the limit-th by more than
     * the order skew, so a page of exactly {@code limit} always cost a second round trip; the
     * second half of a page now does that job in the same call (it is what the second call used
     * to fetch), so a page usually costs one call, at any depth.
     */
    static int newestFirstPageSize(int maxPageSize, int limit) {
        return Math.min(maxPageSize, 2 * Math.max(limit, MIN_NEWEST_FIRST_PAGE));
    }

    static SourceSlice read(TaskSource source, TaskFilter filter, Position after, int limit, PagePlan plan) {
        Reading reading = new Reading(source, filter, plan);
        return source.info().ordering() == Ordering.NEWEST_FIRST
                ? reading.newestFirst(after, limit)
                : reading.fullScan(after, limit);
    }

    /** The state of one read: what came back and how fresh it was. */
    private static final class Reading {
        private final TaskSource source;
        private final SourceInfo info;
        private final TaskFilter filter;
        private final PagePlan plan;
        private final Map<TaskId, Task> found = new LinkedHashMap<>();
        private int calls;
        private int scanned;
        private Instant oldestFetch;
        private SourceException staleCause;

        Reading(TaskSource source, TaskFilter filter, PagePlan plan) {
            this.source = source;
            this.info = source.info();
            this.filter = filter;
            this.plan = plan;
        }

        /**
         * Reads every page. The pages the same read took last time are asked for at once; without
         * that, page 1's total says how many follow, and those are asked for at once. Then the
         * answers are followed in order until one says the list ended, fetching on one by one if
         * the list grew.
         */
        SourceSlice fullScan(Position after, int limit) {
            UpstreamQuery query = query(null, 1, info.maxPageSize());
            int expected = plan.expected(info.id(), query);
            List<UpstreamPage> fetched = new ArrayList<>(plan.fetch(1, Math.max(1, expected), this::fetchPage));
            UpstreamPage first = fetched.get(0);
            if (expected <= 1 && !ends(first) && first.total() != null) {
                long pages = (first.total() + first.tasks().size() - 1) / first.tasks().size();
                long bound = Math.min(pages, (info.scanCap() + first.tasks().size() - 1) / first.tasks().size());
                fetched.addAll(plan.fetch(2, (int) Math.max(1, bound), this::fetchPage));
            }
            boolean truncated = false;
            int page = 0;
            int seen = 0;
            List<List<Task>> used = new ArrayList<>();
            while (true) {
                UpstreamPage answer = page < fetched.size() ? fetched.get(page) : fetchPage(page + 1);
                page++;
                used.add(answer.tasks());
                seen += answer.tasks().size();
                if (ends(answer)) {
                    break;
                }
                if (seen >= info.scanCap()) {
                    truncated = true;
                    break;
                }
            }
            plan.remember(info.id(), query, page);
            List<Task> sorted = plan.sorted(info.id(), query, used);
            if (sorted == null) {
                used.forEach(tasks -> collect(tasks, null));
                sorted = sorted();
                plan.rememberSorted(info.id(), query, used, sorted);
            }
            int from = after == null ? 0 : firstAfter(sorted, after);
            List<Task> slice = sorted.subList(from, Math.min(sorted.size(), from + limit));
            return slice(slice, (long) sorted.size(), !truncated, truncated);
        }

        SourceSlice newestFirst(Position after, int limit) {
            Instant until = after == null || after.createdAt() == null
                    ? untilOfFilter() : min(untilOfFilter(), after.createdAt());
            int pageSize = newestFirstPageSize(info.maxPageSize(), limit);
            UpstreamQuery query = query(until, 1, pageSize);
            // page=N needs N*size+1 tasks; the window (10,000) may not be cut short by a smaller cap.
            int cap = Math.max(info.scanCap(), limit);
            Long total = null;
            boolean totalExact = false;
            boolean truncated = false;
            Task lastSeen = null;
            for (int page = 1; ; page++) {
                UpstreamPage answer = fetch(query.withPage(page));
                if (page == 1 && after == null) {
                    total = answer.total();
                    totalExact = answer.totalExact();
                }
                collect(answer.tasks(), after);
                if (answer.last() || answer.tasks().isEmpty()) {
                    if (after == null && !totalExact) {
                        // Read to the end from the top: what matched is the exact total, even for
                        // filters the provider could not count.
                        total = (long) found.size();
                        totalExact = true;
                    }
                    break;
                }
                lastSeen = answer.tasks().get(answer.tasks().size() - 1);
                if (enoughBefore(lastSeen, limit)) {
                    break;
                }
                if (scanned >= cap) {
                    truncated = true;
                    break;
                }
            }
            if (after != null) {
                UpstreamPage count = fetch(query(null, 1, 1));
                total = count.total();
                totalExact = count.totalExact();
            }
            List<Task> slice = sorted().stream().limit(limit).toList();
            // Cut short: only tasks newer than the last one seen are known completely.
            Position frontier = truncated && lastSeen.createdAt() != null ? Position.before(lastSeen.createdAt()) : null;
            return new SourceSlice(slice, total, totalExact && !truncated, truncated, calls, oldestFetch,
                    staleCause, frontier);
        }

        /** The index of the first task strictly after {@code after} in a sorted list (binary search). */
        private static int firstAfter(List<Task> sorted, Position after) {
            int low = 0;
            int high = sorted.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (after.isBefore(sorted.get(mid).position())) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low;
        }

        /** True when {@code limit} tasks are found and no later upstream item can precede them. */
        private boolean enoughBefore(Task lastSeen, int limit) {
            if (found.size() < limit) {
                return false;
            }
            Position boundary = sorted().get(limit - 1).position();
            return lastSeen.createdAt() != null && boundary.createdAt() != null
                    && lastSeen.createdAt().plus(source.orderSkew()).isBefore(boundary.createdAt());
        }

        private UpstreamQuery query(Instant until, int page, int pageSize) {
            return new UpstreamQuery(filter.statuses(), filter.nameContains(), filter.createdFrom(),
                    until == null ? untilOfFilter() : until, page, pageSize);
        }

        private Instant untilOfFilter() {
            return filter.createdTo() == null ? null : filter.createdTo().minus(ONE_NANO);
        }

        private UpstreamPage fetchPage(int page) {
            return fetch(query(null, 1, info.maxPageSize()).withPage(page));
        }

        private static boolean ends(UpstreamPage answer) {
            return answer.last() || answer.tasks().isEmpty();
        }

        /** One upstream call; may run on several threads at once during a full read. */
        private UpstreamPage fetch(UpstreamQuery query) {
            UpstreamPage answer = source.fetch(query);
            synchronized (this) {
                account(answer);
            }
            return answer;
        }

        private void account(UpstreamPage answer) {
            calls++;
            if (answer.fetchedAt() != null && (oldestFetch == null || answer.fetchedAt().isBefore(oldestFetch))) {
                oldestFetch = answer.fetchedAt();
            }
            if (answer.staleCause() != null) {
                staleCause = answer.staleCause();
            }
        }

        private void collect(List<Task> tasks, Position after) {
            for (Task task : tasks) {
                scanned++;
                if (filter.matches(task) && (after == null || after.isBefore(task.position()))) {
                    found.putIfAbsent(task.id(), task);
                }
            }
        }

        private List<Task> sorted() {
            List<Task> all = new ArrayList<>(found.values());
            all.sort(Task.ORDER);
            return all;
        }

        private SourceSlice slice(List<Task> tasks, Long total, boolean exact, boolean truncated) {
            return new SourceSlice(tasks, total, exact, truncated, calls, oldestFetch, staleCause, null);
        }

        private static Instant min(Instant a, Instant b) {
            return a == null ? b : Comparator.<Instant>naturalOrder().compare(a, b) <= 0 ? a : b;
        }
    }
}
