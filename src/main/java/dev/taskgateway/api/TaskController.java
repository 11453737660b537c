package dev.taskgateway.api;

import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.SourceState;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.UnknownSourceException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /tasks} and {@code GET /tasks/{id}}: thin, the engine does the work. */
@RestController
class TaskController {

    private final TaskQueryEngine engine;
    private final TaskQueryParser parser;
    private final SourceRegistry registry;
    private final JsonMapper mapper;

    TaskController(TaskQueryEngine engine, TaskQueryParser parser, SourceRegistry registry, JsonMapper mapper) {
        this.engine = engine;
        this.parser = parser;
        this.registry = registry;
        this.mapper = mapper;
    }

    /** The ETag ignores timing fields ({@link ListEtag}), so an unchanged list revalidates as 304. */
    @GetMapping(path = "/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TaskListBody> list(HttpServletRequest request) {
        TaskPage page = engine.list(parser.list(request.getParameterMap()));
        boolean anySelected = page.sources().stream().anyMatch(s -> s.state() != SourceState.SKIPPED);
        if (anySelected && !page.anyAnswered()) {
            throw new SourcesFailedException(page.sources());
        }
        TaskListBody body = TaskListBody.from(page);
        return ResponseEntity.ok().eTag(ListEtag.of(body, mapper)).body(body);
    }

    @GetMapping(path = "/tasks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    TaskBody get(@PathVariable("id") String id) {
        TaskId taskId = TaskIdParam.parse(id);
        try {
            return TaskBody.from(engine.get(taskId));
        } catch (SourceException e) {
            String provider = registry.find(taskId.source()).map(entry -> entry.info().provider())
                    .orElseThrow(() -> new UnknownSourceException(taskId.source()));
            throw new SourcesFailedException(List.of(new SourceReport(taskId.source(), provider,
                    e.code().state(), null, null, null, null, false, SourceReport.SourceError.from(e))));
        }
    }
}
