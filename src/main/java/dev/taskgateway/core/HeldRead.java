package dev.taskgateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway holds of one upstream read: the contiguous run of pages read so far, from the
 * top of one upstream list (one {@link ReadKey}), with the views every query is answered from — the
 * tasks in {@link Task#ORDER} and an index by id. Immutable: reading on makes a new one
 * ({@link #extend}), so a request never sees a run change under it.
 *
 * <p>For a {@link Ordering#NEWEST_FIRST} list the run is complete only down to its
 * {@link #frontier()}: every task newer than the oldest one read (less the source's order skew) has
 * been seen, older ones may still follow. An ended run is complete everywhere.
 */
final class HeldRead {

    private final ReadKey key;
    private final int pageSize;
    private final int pages;
    private final List<Task> sorted;
    private final Map<TaskId, Task> byId;
    private final Instant oldestDated;
    private final boolean ended;
    private final boolean truncated;
    private final Long total;
    private final boolean totalExact;
    private final Instant fetchedAt;
    private final Duration skew;

    private HeldRead(ReadKey key, int pageSize, int pages, List<Task> sorted, Map<TaskId, Task> byId,
                     Instant oldestDated, boolean ended, boolean truncated, Long total, boolean totalExact,
                     Instant fetchedAt, Duration skew) {
        this.key = key;
        this.pageSize = pageSize;
        this.pages = pages;
        this.sorted = sorted;
        this.byId = byId;
        this.oldestDated = oldestDated;
        this.ended = ended;
        this.truncated = truncated;
        this.total = total;
        this.totalExact = totalExact;
        this.fetchedAt = fetchedAt;
        this.skew = skew;
    }

    /** This read as replicas share it. */
    ReadSnapshot snapshot() {
        return new ReadSnapshot(key, pageSize, pages, sorted, oldestDated, ended, truncated, total, totalExact, fetchedAt,
                skew);
    }

    /** The read another replica made, from its snapshot. */
    static HeldRead of(ReadSnapshot snapshot) {
        Map<TaskId, Task> index = new HashMap<>();
        snapshot.tasks().forEach(task -> index.put(task.id(), task));
        return new HeldRead(snapshot.key(), snapshot.pageSize(), snapshot.pages(), List.copyOf(snapshot.tasks()),
                Collections.unmodifiableMap(index), snapshot.oldestDated(), snapshot.ended(), snapshot.truncated(),
                snapshot.total(), snapshot.totalExact(), snapshot.fetchedAt(), snapshot.skew());
    }

    /** A run made of {@code answers}, pages 1.. of {@code key}'s list read at {@code pageSize}. */
    static HeldRead of(ReadKey key, int pageSize, List<UpstreamPage> answers, boolean truncated, Instant now,
                       Duration skew) {
        HeldRead empty = new HeldRead(key, pageSize, 0, List.of(), Map.of(), null, false, false, null, false, now,
                skew);
        return empty.extend(answers, truncated);
    }

    /** This run with {@code answers} (the next pages, in order) added. */
    HeldRead extend(List<UpstreamPage> answers, boolean cut) {
        if (answers.isEmpty()) {
            return this;
        }
        Map<TaskId, Task> index = new HashMap<>(byId);
        List<Task> all = new ArrayList<>(sorted);
        Instant oldest = oldestDated;
        boolean end = ended;
        Long count = total;
        boolean exact = totalExact;
        for (int i = 0; i < answers.size() && !end; i++) {
            UpstreamPage answer = answers.get(i);
            if (pages == 0 && i == 0) {
                count = answer.total();
                exact = answer.totalExact();
            }
            for (Task task : answer.tasks()) {
                if (index.putIfAbsent(task.id(), task) == null) {
                    all.add(task);
                }
                if (task.createdAt() != null && (oldest == null || task.createdAt().isBefore(oldest))) {
                    oldest = task.createdAt();
                }
            }
            end = answer.last() || answer.tasks().isEmpty();
        }
        // Pages come newest first, so the list is nearly sorted already: TimSort merges it in linear time.
        all.sort(Task.ORDER);
        return new HeldRead(key, pageSize, pages + answers.size(), Collections.unmodifiableList(all),
                Collections.unmodifiableMap(index), oldest, end, truncated || cut, count, exact, fetchedAt, skew);
    }

    ReadKey key() {
        return key;
    }

    int pageSize() {
        return pageSize;
    }

    /** Upstream pages read into this run. */
    int pages() {
        return pages;
    }

    /**
     * The tasks one of its pages holds as the provider numbers them: fewer than {@link #pageSize()}
     * when the provider sent full pages shorter than asked (a silent cap: legacy new-api builds send
     * 10 whatever is asked), so the pages a total still needs are counted at the length actually
     * sent. Rounded up, so a task or two left out of a page (a refused object, a repeat) keeps it.
     */
    int pageLength() {
        if (ended || pages == 0 || sorted.isEmpty()) {
            return pageSize;
        }
        return (int) Math.max(1, Math.min(pageSize, ((long) sorted.size() + pages - 1) / pages));
    }

    /** Every task held, in {@link Task#ORDER}, each once. */
    List<Task> sorted() {
        return sorted;
    }

    /** The held task with that id, or null. */
    Task task(TaskId id) {
        return byId.get(id);
    }

    /** True when the upstream list was read to its end. */
    boolean ended() {
        return ended;
    }

    /** True when the scan cap stopped an unordered read before the list ended. */
    boolean truncated() {
        return truncated;
    }

    /** The provider's count for the whole list, from its first page, or null. */
    Long total() {
        return total;
    }

    boolean totalExact() {
        return totalExact;
    }

    /** When the first page was read: the age of the run. */
    Instant fetchedAt() {
        return fetchedAt;
    }

    /** Heap weight against {@code taskgateway.cache.maximum-tasks}: one per task held, plus one. */
    int weight() {
        return sorted.size() + 1;
    }

    /**
     * For a newest-first run not read to its end: the first position it has not fully seen, so
     * tasks strictly before it are all held; null when the run is complete everywhere.
     */
    Position frontier() {
        if (ended || truncated) {
            return null;
        }
        return oldestDated == null ? Position.before(Instant.MAX) : Position.before(oldestDated.plus(skew));
    }

    /** True when this run has been read down to {@code position}'s time (or to its end). */
    boolean reached(Position position) {
        return ended || (oldestDated != null && position.createdAt() != null
                && !oldestDated.isAfter(position.createdAt().plus(skew)));
    }

    /** True when {@code position} lies inside the complete part of this run. */
    boolean covers(Position position) {
        Position frontier = frontier();
        return frontier == null || position.isBefore(frontier);
    }

    /** The index of the first held task strictly after {@code after} (binary search); 0 for null. */
    int firstAfter(Position after) {
        if (after == null) {
            return 0;
        }
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
}
