package dev.taskgateway.api;

import dev.taskgateway.core.InvalidTaskBodyException;
import dev.taskgateway.core.ItemOutcome;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskActions;
import dev.taskgateway.core.TaskId;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actions on tasks and sources (DESIGN §5 "Actions", role {@code operate}). Never retried, never
 * from cache, always audited, idempotent with {@code Idempotency-Key}.
 */
@RestController
class ActionsController {

    private static final int MAX_BATCH = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TaskActions actions;
    private final SourceRegistry registry;
    private final IdempotencyStore idempotency;
    private final AuditLog audit;

    ActionsController(TaskActions actions, SourceRegistry registry, IdempotencyStore idempotency, AuditLog audit) {
        this.actions = actions;
        this.registry = registry;
        this.idempotency = idempotency;
        this.audit = audit;
    }

    @PostMapping(path = "/tasks/{id}/{action}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> act(@PathVariable("id") String id, @PathVariable("action") String action, Principal caller,
                               @RequestHeader(name = IdempotencyStore.HEADER, required = false) String key) {
        TaskAction parsed = TaskAction.parse(action).filter(a -> a != TaskAction.DELETE)
                .orElseThrow(() -> InvalidRequestException.of("action", "unknown action '" + clip(action)
                        + "'; one of stop, pause, resume, retry (delete is DELETE /tasks/{id})"));
        return single(TaskIdParam.parse(id), parsed, caller, key, "POST /tasks/" + id + "/" + action);
    }

    @DeleteMapping(path = "/tasks/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> delete(@PathVariable("id") String id, Principal caller,
                                  @RequestHeader(name = IdempotencyStore.HEADER, required = false) String key) {
        return single(TaskIdParam.parse(id), TaskAction.DELETE, caller, key, "DELETE /tasks/" + id);
    }

    @PostMapping(path = "/tasks:batchDelete", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> batchDelete(@RequestBody(required = false) byte[] body, Principal caller,
                                       @RequestHeader(name = IdempotencyStore.HEADER, required = false) String key) {
        List<TaskId> ids = batchIds(body);
        return idempotency.execute(caller.getName(), key, "POST /tasks:batchDelete\n" + ids, () -> {
            List<ItemOutcome> outcomes = actions.deleteAll(ids);
            long done = outcomes.stream().filter(o -> o.outcome() == ItemOutcome.Outcome.DONE).count();
            audit.record(caller.getName(), "batchDelete", ids.stream().map(TaskId::toString).toList(),
                    done + " of " + outcomes.size() + " done");
            List<Map<String, Object>> results = outcomes.stream().map(ActionsController::item).toList();
            return ResponseEntity.ok(Map.of("results", results, "done", done, "notDone", outcomes.size() - done));
        });
    }

    @PostMapping(path = "/sources/{source}/tasks:retryFailed", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> retryFailed(@PathVariable("source") String source, Principal caller,
                                       @RequestHeader(name = IdempotencyStore.HEADER, required = false) String key) {
        return idempotency.execute(caller.getName(), key, "POST /sources/" + source + "/tasks:retryFailed",
                () -> audited(caller, "retryFailed", List.of(source), source, () -> {
                    actions.retryFailed(source);
                    return ResponseEntity.ok(Map.of("source", source, "action", "retryFailed", "outcome", "DONE"));
                }));
    }

    @PostMapping(path = "/sources/{source}/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> create(@PathVariable("source") String source, @RequestBody(required = false) byte[] body,
                                  Principal caller,
                                  @RequestHeader(name = IdempotencyStore.HEADER, required = false) String key) {
        Map<String, Object> parsed = object(body);
        String signature = "POST /sources/" + source + "/tasks\n" + new String(body, StandardCharsets.UTF_8);
        return idempotency.execute(caller.getName(), key, signature,
                () -> audited(caller, "create", List.of(source), source, () -> {
                    List<String> ids;
                    try {
                        ids = actions.create(source, parsed).stream().map(TaskId::toString).toList();
                    } catch (InvalidTaskBodyException e) {
                        throw InvalidRequestException.of(e.field(), e.getMessage());
                    }
                    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("source", source, "ids", ids));
                }));
    }

    private ResponseEntity<Object> single(TaskId id, TaskAction action, Principal caller, String key, String signature) {
        return idempotency.execute(caller.getName(), key, signature,
                () -> audited(caller, action.wireName(), List.of(id.toString()), id.source(), () -> {
                    actions.perform(id, action);
                    return ResponseEntity.ok(Map.of("id", id.toString(), "action", action.wireName(), "outcome", "DONE"));
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
            throw new SourcesFailedException(List.of(new SourceReport(sourceId, provider, e.code().state(), null,
                    null, null, null, false, SourceReport.SourceError.from(e))));
        } catch (RuntimeException e) {
            audit.record(caller.getName(), action, tasks, e.getClass().getSimpleName().replace("Exception", ""));
            throw e;
        }
    }

    private static List<TaskId> batchIds(byte[] body) {
        Object ids = object(body).get("ids");
        if (!(ids instanceof List<?> list) || list.isEmpty() || list.size() > MAX_BATCH) {
            throw InvalidRequestException.of("ids", "must be a list of 1 to " + MAX_BATCH + " task ids");
        }
        List<InvalidRequestException.FieldError> errors = new ArrayList<>();
        List<TaskId> parsed = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                parsed.add(TaskId.parse(list.get(i) instanceof String s ? s : null));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidRequestException.FieldError("ids[" + i + "]", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.of("body", "a JSON object is required");
        }
        try {
            Object parsed = JSON.readValue(body, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException e) {
            throw InvalidRequestException.of("body", "is not valid JSON");
        }
        throw InvalidRequestException.of("body", "must be a JSON object");
    }

    private static Map<String, Object> item(ItemOutcome outcome) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", outcome.id().toString());
        item.put("outcome", outcome.outcome().name());
        if (outcome.code() != null) {
            item.put("code", outcome.code());
        }
        if (outcome.message() != null) {
            item.put("message", outcome.message());
        }
        return item;
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value.replaceAll("\\p{Cntrl}", "?") : value.substring(0, 39) + "…";
    }
}
