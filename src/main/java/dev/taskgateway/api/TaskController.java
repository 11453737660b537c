package dev.taskgateway.api;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.SourceState;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.UnknownSourceException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /tasks} and {@code GET /tasks/{id}}: thin, the engine does the work. */
@RestController
@Tag(name = "Tasks", description = "Every source's tasks in one model, one order and one page stream")
class TaskController {

    private final TaskQueryEngine engine;
    private final TaskQueryParser parser;
    private final SourceRegistry registry;
    private final JsonMapper mapper;
    private final RenderedLists rendered;

    TaskController(TaskQueryEngine engine, TaskQueryParser parser, SourceRegistry registry, JsonMapper mapper,
                   RenderedLists rendered) {
        this.engine = engine;
        this.parser = parser;
        this.registry = registry;
        this.mapper = mapper;
        this.rendered = rendered;
    }

    /**
     * The ETag ignores timing fields ({@link ListEtag}), so an unchanged list revalidates as 304. The
     * query string is read raw so that unknown parameters can be refused; TaskQueryParser owns the
     * rules, the annotations only describe them (OpenApiDocumentTests checks they match). A repeated
     * query whose reads are unchanged and fresh is answered with the bytes rendered for it
     * ({@link RenderedLists}); the body is written as bytes, so its schema is named here.
     */
    @GetMapping(path = "/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List tasks across sources", description = """
            Newest first: `createdAt` descending, then `id` descending, tasks without `createdAt` last. \
            Follow `page.next` (a signed cursor) to walk every matching task exactly once, even while \
            providers add tasks. `sources[]` says what each source did; `complete` is false when any \
            selected source is not OK. 200 when at least one selected source answered. \
            Unknown parameters, bad values and a single-valued parameter given twice are a 400 naming each.""")
    @FilterParameters
    @Parameter(in = ParameterIn.QUERY, name = "size", description = "tasks per page",
            schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "20"))
    @Parameter(in = ParameterIn.QUERY, name = "page",
            description = "1-based page number; page*size may not pass 10000 (follow the cursor instead); "
                    + "not together with cursor",
            schema = @Schema(type = "integer", minimum = "1", defaultValue = "1"))
    @Parameter(in = ParameterIn.QUERY, name = "cursor",
            description = "page.next of the previous answer; the other parameters must be the ones it was made with",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "include", description = "raw adds each task's provider record",
            array = @ArraySchema(schema = @Schema(type = "string", allowableValues = "raw")))
    @ApiResponse(responseCode = "200", description = "a page of tasks and a report of every source",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = TaskListBody.class)))
    @ApiResponse(responseCode = "400", ref = OpenApiConfiguration.INVALID_REQUEST)
    @UpstreamProblems
    ResponseEntity<byte[]> list(@Parameter(hidden = true) HttpServletRequest request) {
        TaskQuery query = parser.list(request.getParameterMap());
        boolean noCache = CallContext.current().noCache();
        long changes = engine.readsChanges();
        RenderedLists.Rendered answer = noCache ? null : rendered.find(query, changes);
        if (answer != null) {
            engine.answeredFromHeld(answer.sources());
        } else {
            answer = render(query, changes);
        }
        return ResponseEntity.ok().eTag(answer.etag()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    /** Asks the engine, renders its page, and keeps the rendering when it may answer the same query again. */
    private RenderedLists.Rendered render(TaskQuery query, long changes) {
        TaskPage page = engine.list(query);
        boolean anySelected = page.sources().stream().anyMatch(s -> s.state() != SourceState.SKIPPED);
        if (anySelected && !page.anyAnswered()) {
            throw new SourcesFailedException(page.sources());
        }
        TaskListBody body = TaskListBody.from(page);
        Instant freshUntil = engine.reusableUntil(page);
        List<String> answered = page.sources().stream().filter(s -> s.state() != SourceState.SKIPPED)
                .map(SourceReport::id).toList();
        RenderedLists.Rendered answer = new RenderedLists.Rendered(mapper.writeValueAsBytes(body),
                ListEtag.of(body, mapper), changes, freshUntil, answered);
        if (freshUntil != null) {
            rendered.keep(query, answer, engine.readsChanges());
        }
        return answer;
    }

    @GetMapping(path = "/tasks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One task, with its provider record (raw)",
            description = "Read fresh from its source. 400 for a malformed id or an unknown source.")
    @ApiResponse(responseCode = "200", description = "the task")
    @ApiResponse(responseCode = "400", ref = OpenApiConfiguration.INVALID_REQUEST)
    @ApiResponse(responseCode = "404", ref = OpenApiConfiguration.TASK_NOT_FOUND)
    @UpstreamProblems
    TaskBody get(@PathVariable("id") @Parameter(description = TaskIdParam.DESCRIPTION, example = TaskIdParam.EXAMPLE)
                 String id) {
        TaskId taskId = TaskIdParam.parse(id);
        try {
            return TaskBody.from(engine.get(taskId));
        } catch (SourceException e) {
            String provider = registry.find(taskId.source()).map(entry -> entry.info().provider())
                    .orElseThrow(() -> new UnknownSourceException(taskId.source()));
            throw new SourcesFailedException(List.of(SourceReport.failed(taskId.source(), provider, null, e)));
        }
    }
}
