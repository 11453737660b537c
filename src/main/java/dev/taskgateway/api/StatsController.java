package dev.taskgateway.api;

import dev.taskgateway.core.TaskStatistics;
import dev.taskgateway.core.TaskStats;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /tasks/stats}: counts with the list's filters. */
@RestController
class StatsController {

    private final TaskStatistics statistics;
    private final TaskQueryParser parser;

    StatsController(TaskStatistics statistics, TaskQueryParser parser) {
        this.statistics = statistics;
        this.parser = parser;
    }

    @GetMapping(path = "/tasks/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    StatsBody stats(HttpServletRequest request) {
        TaskStats stats = statistics.stats(parser.stats(request.getParameterMap()));
        if (!stats.bySource().isEmpty() && stats.bySource().stream().noneMatch(s -> s.report().state().answered())) {
            throw new SourcesFailedException(stats.bySource().stream().map(TaskStats.SourceStats::report)
                    .toList());
        }
        return StatsBody.from(stats);
    }
}
