package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.TaskStats;
import dev.taskgateway.core.TaskStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /tasks/stats} (DESIGN §5). */
public record StatsBody(long total, Map<String, Long> byStatus, List<SourceStatsBody> bySource, boolean exact,
                        boolean complete) {

    /** One source's counts; {@code method} says how they were made (native, probe, scan). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceStatsBody(String source, String provider, String state, Long total, Map<String, Long> byStatus,
                                  String method, boolean exact, SourceReportBody.ErrorBody error) {
    }

    /** The body of {@code stats}. */
    public static StatsBody from(TaskStats stats) {
        List<SourceStatsBody> sources = stats.bySource().stream().map(s -> {
            SourceReportBody report = SourceReportBody.from(s.report());
            return new SourceStatsBody(report.id(), report.provider(), report.state(), s.total(),
                    names(s.byStatus()), s.method(), s.exact(), report.error());
        }).toList();
        return new StatsBody(stats.total(), names(stats.byStatus()), sources, stats.exact(), stats.complete());
    }

    private static Map<String, Long> names(Map<TaskStatus, Long> counts) {
        Map<String, Long> named = new LinkedHashMap<>();
        counts.forEach((status, n) -> named.put(status.name(), n));
        return named;
    }
}
