package dev.taskgateway.core;

import java.util.List;
import java.util.Map;

/**
 * Counts of the tasks matching a filter (DESIGN §5 {@code GET /tasks/stats}).
 *
 * @param total    matching tasks across the answering sources
 * @param byStatus the same, per unified status
 * @param bySource one entry per selected source
 * @param exact    true when every count is exact (no scan cap reached, every source answered)
 * @param complete true when every selected source answered fresh
 */
public record TaskStats(long total, Map<TaskStatus, Long> byStatus, List<SourceStats> bySource, boolean exact,
                        boolean complete) {

    /**
     * One source's counts.
     *
     * @param report   how it answered
     * @param total    its matching tasks, or null when it failed
     * @param byStatus per status, or empty when it failed
     * @param method   how it was counted: {@code native}, {@code probe} or {@code scan}
     * @param exact    true when exact
     */
    public record SourceStats(SourceReport report, Long total, Map<TaskStatus, Long> byStatus, String method,
                              boolean exact) {
    }
}
