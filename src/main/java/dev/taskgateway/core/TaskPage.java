package dev.taskgateway.core;

import java.util.List;

/**
 * One page of the merged list.
 *
 * @param items    the tasks, in {@link Task#ORDER}
 * @param page     paging facts
 * @param sources  one report per configured, enabled source
 * @param complete true when every selected source answered fresh
 */
public record TaskPage(List<Task> items, PageInfo page, List<SourceReport> sources, boolean complete) {

    /**
     * @param size       the page size asked for
     * @param number     1-based number of this page
     * @param total      matching tasks across the answering sources
     * @param totalExact true when {@code total} is exact
     * @param next       token for the next page, or null on the last
     */
    public record PageInfo(int size, int number, long total, boolean totalExact, String next) {
    }

    /** True when at least one selected source answered, fresh or stale. */
    public boolean anyAnswered() {
        return sources.stream().anyMatch(s -> s.state().answered());
    }
}
