package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.TaskStats;
import dev.taskgateway.core.TaskStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /tasks/stats} (DESIGN §5). */
@Schema(name = "Stats")
public record StatsBody(
        @Schema(example = "1503") long total,
        @Schema(description = "count per unified status", example = "{\"RUNNING\": 41, \"FAILED\": 12}")
        Map<String, Long> byStatus,
        List<SourceStatsBody> bySource,
        @Schema(description = "true when every count is exact") boolean exact,
        @Schema(description = "false when any selected source did not answer") boolean complete) {

    /** One source's counts; {@code method} says how they were made (native, probe, scan). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SourceStats")
    public record SourceStatsBody(
            @Schema(example = "tikmatrix-pc1") String source,
            @Schema(example = "tikmatrix") String provider,
            @Schema(example = "OK") String state,
            Long total,
            Map<String, Long> byStatus,
            @Schema(allowableValues = {"native", "held", "probe", "scan"},
                    description = "native: the provider's own counters; probe: exact totals per status; scan: read "
                            + "and counted here") String method,
            boolean exact,
            SourceReportBody.ErrorBody error) {
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
