package dev.taskgateway.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Performs actions on tasks (DESIGN §5 "Actions"). Every action checks, on a fresh read of the
 * task, that the task lists it in {@link Task#actions()} — so what a task advertises is exactly
 * what is accepted — and is never retried here.
 */
public final class TaskActions {

    private final SourceRegistry registry;
    private final TaskQueryEngine engine;

    /** Actions on {@code registry}'s sources; pre-reads go through {@code engine}'s read model. */
    public TaskActions(SourceRegistry registry, TaskQueryEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    /** Performs {@code action} on one task and answers the task as it was before. */
    public Task perform(TaskId id, TaskAction action) {
        TaskSource source = source(id.source());
        if (!source.info().actions().contains(action)) {
            throw new ActionNotSupportedException(source.info(), action);
        }
        Task task = preRead(id);
        if (!task.actions().contains(action)) {
            throw new ActionConflictException("task " + id + " is " + task.status() + "; it accepts now: "
                    + (task.actions().isEmpty() ? "nothing"
                    : task.actions().stream().map(TaskAction::wireName).collect(Collectors.joining(", "))));
        }
        source.perform(action, task);
        return task;
    }

    /**
     * The task as its source has it now, through the read model (a source that can only scan reads
     * its whole list, shared and bounded by the deadline); a failed read means the action was never sent.
     */
    private Task preRead(TaskId id) {
        try {
            return engine.current(id);
        } catch (PreReadFailedException e) {
            throw e;
        } catch (SourceException e) {
            throw new PreReadFailedException(e);
        }
    }

    /** Deletes tasks across sources; one outcome per id, in the order given. */
    public List<ItemOutcome> deleteAll(List<TaskId> ids) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        Map<TaskId, ItemOutcome> outcomes = new LinkedHashMap<>();
        for (TaskId id : ids) {
            var entry = registry.find(id.source()).filter(SourceRegistry.Entry::enabled);
            if (entry.isEmpty()) {
                outcomes.put(id, ItemOutcome.failed(id, new UnknownSourceException(id.source())));
            } else if (!entry.get().info().actions().contains(TaskAction.DELETE)) {
                outcomes.put(id, ItemOutcome.failed(id,
                        new ActionNotSupportedException(entry.get().info(), TaskAction.DELETE)));
            } else {
                bySource.computeIfAbsent(id.source(), s -> new ArrayList<>()).add(id.nativeId());
            }
        }
        bySource.forEach((sourceId, nativeIds) -> {
            TaskSource source = source(sourceId);
            try {
                source.deleteAll(nativeIds).forEach(outcome -> outcomes.put(outcome.id(), outcome));
            } catch (RuntimeException e) {
                nativeIds.forEach(n -> outcomes.put(TaskId.of(sourceId, n), ItemOutcome.failed(TaskId.of(sourceId, n), e)));
            }
        });
        return ids.stream().distinct().map(outcomes::get).toList();
    }

    /** Retries every failed task of one source. */
    public void retryFailed(String sourceId) {
        TaskSource source = source(sourceId);
        require(source, SourceOperation.RETRY_FAILED);
        source.retryFailed();
    }

    /** Creates tasks in one source from a provider-native body; answers their ids. */
    public List<TaskId> create(String sourceId, Map<String, Object> body) {
        TaskSource source = source(sourceId);
        require(source, SourceOperation.CREATE);
        return source.create(body).stream().map(nativeId -> TaskId.of(sourceId, nativeId)).toList();
    }

    private TaskSource source(String sourceId) {
        return registry.find(sourceId).filter(SourceRegistry.Entry::enabled)
                .orElseThrow(() -> new UnknownSourceException(sourceId)).source();
    }

    private static void require(TaskSource source, SourceOperation operation) {
        if (!source.operations().contains(operation)) {
            throw new ActionNotSupportedException(source.info(), operation, source.operations());
        }
    }
}
