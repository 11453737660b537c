package dev.taskgateway.api;

import dev.taskgateway.core.TaskStatistics;
import dev.taskgateway.core.TaskStats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /tasks/stats}: counts with the list's filters. */
@RestController
@Tag(name = "Tasks")
class StatsController {

    private final TaskStatistics statistics;
    private final TaskQueryParser parser;

    StatsController(TaskStatistics statistics, TaskQueryParser parser) {
        this.statistics = statistics;
        this.parser = parser;
    }

    // The same filters as GET /tasks, read raw for the same reason; TaskQueryParser owns the rules.
    @GetMapping(path = "/tasks/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Count tasks by status and source", description = """
            The filters of GET /tasks, without paging. A source's own counters are used where it has them \
            (bySource[].method native), else an exact probe or a scan; exact says whether every count is.""")
    @FilterParameters
    @ApiResponse(responseCode = "200", description = "totals by status, overall and per source")
    @ApiResponse(responseCode = "400", ref = OpenApiConfiguration.INVALID_REQUEST)
    @UpstreamProblems
    StatsBody stats(@Parameter(hidden = true) HttpServletRequest request) {
        TaskStats stats = statistics.stats(parser.stats(request.getParameterMap()));
        if (!stats.bySource().isEmpty() && stats.bySource().stream().noneMatch(s -> s.report().state().answered())) {
            throw new SourcesFailedException(stats.bySource().stream().map(TaskStats.SourceStats::report)
                    .toList());
        }
        return StatsBody.from(stats);
    }
}
