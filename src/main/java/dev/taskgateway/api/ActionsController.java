package dev.taskgateway.api;

import dev.taskgateway.core.InvalidTaskBodyException;
import dev.taskgateway.core.ItemOutcome;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskActions;
import dev.taskgateway.core.TaskId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Actions on tasks and sources (DESIGN §5 "Actions", role {@code operate}). Never retried, never
 * from cache, always audited, idempotent with {@code Idempotency-Key}.
 */
@RestController
@Tag(name = "Actions", description = "Role operate. Never retried, never from cache, audited; a retry with the same "
        + "Idempotency-Key and request within 24 h replays the first answer")
class ActionsController {

    private static final String IDEMPOTENCY = "any 1-200 printable ASCII characters; the same key with the same "
            + "request within 24 h replays the first answer, with another request it is a 422, while the first is "
            + "still running it is a 409 with Retry-After";
    private static final String JSON_TYPE = MediaType.APPLICATION_JSON_VALUE;

    private final TaskActions actions;
    private final SourceRegistry registry;
    private final IdempotencyStore idempotency;
    private final AuditLog audit;
    private final ActionDeadline deadline;

    ActionsController(TaskActions actions, SourceRegistry registry, IdempotencyStore idempotency, AuditLog audit,
                      ActionDeadline deadline) {
        this.actions = actions;
        this.registry = registry;
        this.idempotency = idempotency;
        this.audit = audit;
        this.deadline = deadline;
    }

    @PostMapping(path = "/tasks/{id}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stop, pause, resume or retry one task",
            description = "Accepted only when the task's actions[] lists it now (read fresh from its source).")
    @ApiResponse(responseCode = "200", description = "done", content = @Content(mediaType = JSON_TYPE,
            schema = @Schema(implementation = ActionResultBody.TaskDone.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiConfiguration.TASK_NOT_FOUND)
    @ApiResponse(responseCode = "501", ref = OpenApiConfiguration.ACTION_NOT_SUPPORTED)
    @ActionProblems
    @UpstreamProblems
    ResponseEntity<Object> act(
            @PathVariable("id") @Parameter(description = TaskIdParam.DESCRIPTION, example = TaskIdParam.EXAMPLE)
            String id,
            @PathVariable("action") @Parameter(schema = @Schema(type = "string",
                    allowableValues = {"stop", "pause", "resume", "retry"})) String action,
            Principal caller,
            @RequestHeader(name = IdempotencyStore.HEADER, required = false) @Parameter(description = IDEMPOTENCY)
            String key) {
        TaskAction parsed = TaskAction.parse(action).filter(a -> a != TaskAction.DELETE)
                .orElseThrow(() -> InvalidRequestException.of("action", "unknown action '" + clip(action)
                        + "'; one of stop, pause, resume, retry (delete is DELETE /tasks/{id})"));
        return single(TaskIdParam.parse(id), parsed, caller, key, "POST /tasks/" + id + "/" + action);
    }

    @DeleteMapping(path = "/tasks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delete one task", description = "Accepted only when the task's actions[] lists delete.")
    @ApiResponse(responseCode = "200", description = "deleted", content = @Content(mediaType = JSON_TYPE,
            schema = @Schema(implementation = ActionResultBody.TaskDone.class)))
    @ApiResponse(responseCode = "404", ref = OpenApiConfiguration.TASK_NOT_FOUND)
    @ApiResponse(responseCode = "501", ref = OpenApiConfiguration.ACTION_NOT_SUPPORTED)
    @ActionProblems
    @UpstreamProblems
    ResponseEntity<Object> delete(
            @PathVariable("id") @Parameter(description = TaskIdParam.DESCRIPTION, example = TaskIdParam.EXAMPLE)
            String id,
            Principal caller,
            @RequestHeader(name = IdempotencyStore.HEADER, required = false) @Parameter(description = IDEMPOTENCY)
            String key) {
        return single(TaskIdParam.parse(id), TaskAction.DELETE, caller, key, "DELETE /tasks/" + id);
    }

    @PostMapping(path = "/tasks:batchDelete", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Delete several tasks, across sources",
            description = "One result per distinct id, in the order given: a task that cannot be deleted is reported "
                    + "in results[], not as an error of the whole request.")
    @ApiResponse(responseCode = "200", description = "what happened to each id", content = @Content(
            mediaType = JSON_TYPE, schema = @Schema(implementation = ActionResultBody.BatchDeleted.class)))
    @ActionProblems
    ResponseEntity<Object> batchDelete(
            @RequestBody @Valid @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "1 to 100 task ids", content = @Content(mediaType = JSON_TYPE,
                    schemaProperties = @SchemaProperty(name = "ids", array = @ArraySchema(minItems = 1,
                            maxItems = BatchDeleteRequest.MAX, schema = @Schema(type = "string",
                            example = "tikmatrix-pc1:13"))),
                    examples = @ExampleObject(value = "{\"ids\": [\"tikmatrix-pc1:13\", \"tikmatrix-pc1:14\"]}")))
            BatchDeleteRequest body,
            Principal caller,
            @RequestHeader(name = IdempotencyStore.HEADER, required = false) @Parameter(description = IDEMPOTENCY)
            String key) {
        List<TaskId> ids = body.taskIds();
        return idempotency.execute(caller.getName(), key, "POST /tasks:batchDelete\n" + ids, () -> {
            List<ItemOutcome> outcomes = deleteAllWithin(ids);
            long done = outcomes.stream().filter(o -> o.outcome() == ItemOutcome.Outcome.DONE).count();
            audit.record(caller.getName(), "batchDelete", ids.stream().map(TaskId::toString).toList(),
                    done + " of " + outcomes.size() + " done");
            List<ActionResultBody.BatchDeleted.Item> results = outcomes.stream().map(ActionsController::item).toList();
            return ResponseEntity.ok(new ActionResultBody.BatchDeleted(results, done, outcomes.size() - done));
        });
    }

    @PostMapping(path = "/sources/{source}/tasks:retryFailed", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Retry every failed task of one source", description = "TikMatrix only so far.")
    @ApiResponse(responseCode = "200", description = "the source retried them", content = @Content(
            mediaType = JSON_TYPE, schema = @Schema(implementation = ActionResultBody.SourceDone.class)))
    @ApiResponse(responseCode = "501", ref = OpenApiConfiguration.ACTION_NOT_SUPPORTED)
    @ActionProblems
    @UpstreamProblems
    ResponseEntity<Object> retryFailed(
            @PathVariable("source") @Parameter(description = "source id", example = "tikmatrix-pc1") String source,
            Principal caller,
            @RequestHeader(name = IdempotencyStore.HEADER, required = false) @Parameter(description = IDEMPOTENCY)
            String key) {
        TaskIdParam.source(source);
        return idempotency.execute(caller.getName(), key, "POST /sources/" + source + "/tasks:retryFailed",
                () -> audited(caller, "retryFailed", List.of(source), source, () -> {
                    deadline.run(() -> {
                        actions.retryFailed(source);
                        return null;
                    });
                    return ResponseEntity.ok(new ActionResultBody.SourceDone(source, "retryFailed", "DONE"));
                }));
    }

    @PostMapping(path = "/sources/{source}/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create tasks in one source", description = "The body is the provider's own create request, "
            + "checked by its adapter before anything is sent (docs/providers.md). TikMatrix only so far.")
    @ApiResponse(responseCode = "201", description = "the ids of the created tasks", content = @Content(
            mediaType = JSON_TYPE, schema = @Schema(implementation = ActionResultBody.Created.class)))
    @ApiResponse(responseCode = "501", ref = OpenApiConfiguration.ACTION_NOT_SUPPORTED)
    @ActionProblems
    @UpstreamProblems
    ResponseEntity<Object> create(
            @PathVariable("source") @Parameter(description = "source id", example = "tikmatrix-pc1") String source,
            @RequestBody @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "the provider's create request", content = @Content(mediaType = JSON_TYPE,
                    schema = @Schema(type = "object", description = "provider-native"),
                    examples = @ExampleObject(name = "tikmatrix", summary = "TikMatrix: post on one device", value = """
                            {"serials": ["R58M1001"], "script_name": "post", "start_time": "09:30",
                             "script_config": {"captions": "hi"}}""")))
            CreateRequest body,
            Principal caller,
            @RequestHeader(name = IdempotencyStore.HEADER, required = false) @Parameter(description = IDEMPOTENCY)
            String key) {
        TaskIdParam.source(source);
        Map<String, Object> parsed = body.fields();
        String signature = "POST /sources/" + source + "/tasks\n" + body.sent();
        return idempotency.execute(caller.getName(), key, signature,
                () -> audited(caller, "create", List.of(source), source, () -> {
                    List<String> ids;
                    try {
                        ids = deadline.run(() -> actions.create(source, parsed)).stream().map(TaskId::toString)
                                .toList();
                    } catch (InvalidTaskBodyException e) {
                        throw InvalidRequestException.of(e.field(), e.getMessage());
                    }
                    return ResponseEntity.status(HttpStatus.CREATED).body(new ActionResultBody.Created(source, ids));
                }));
    }

    private ResponseEntity<Object> single(TaskId id, TaskAction action, Principal caller, String key, String signature) {
        return idempotency.execute(caller.getName(), key, signature,
                () -> audited(caller, action.wireName(), List.of(id.toString()), id.source(), () -> {
                    deadline.run(() -> actions.perform(id, action));
                    return ResponseEntity.ok(new ActionResultBody.TaskDone(id.toString(), action.wireName(), "DONE"));
                }));
    }

    /** Runs an action, logs its outcome, and turns a provider failure into the upstream problem. */
    private ResponseEntity<Object> audited(Principal caller, String action, List<String> tasks, String sourceId,
                                           Supplier<ResponseEntity<Object>> work) {
        try {
            ResponseEntity<Object> answer = work.get();
            audit.record(caller.getName(), action, tasks, "DONE");
            return answer;
        } catch (SourceException e) {
            audit.record(caller.getName(), action, tasks, e.code().name());
            String provider = registry.find(sourceId).map(entry -> entry.info().provider()).orElse("unknown");
            List<SourceReport> reports = List.of(SourceReport.failed(sourceId, provider, null, e));
            throw LocalRefusalException.neverSent(e) ? new LocalRefusalException(reports)
                    : new SourcesFailedException(reports);
        } catch (RuntimeException e) {
            audit.record(caller.getName(), action, tasks, e.getClass().getSimpleName().replace("Exception", ""));
            throw e;
        }
    }

    /**
     * The batch within the action deadline; when it passes, every id is reported failed with
     * {@code UPSTREAM_TIMEOUT} (some may have been deleted: the client reads them to know).
     */
    private List<ItemOutcome> deleteAllWithin(List<TaskId> ids) {
        try {
            return deadline.run(() -> actions.deleteAll(ids));
        } catch (SourceException e) {
            return ids.stream().distinct().map(id -> ItemOutcome.failed(id, e)).toList();
        }
    }

    private static ActionResultBody.BatchDeleted.Item item(ItemOutcome outcome) {
        return new ActionResultBody.BatchDeleted.Item(outcome.id().toString(), outcome.outcome().name(), outcome.code(),
                outcome.message());
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value.replaceAll("\\p{Cntrl}", "?") : value.substring(0, 39) + "…";
    }
}
