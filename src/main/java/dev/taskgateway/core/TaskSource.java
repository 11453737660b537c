package dev.taskgateway.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The port every provider adapter implements: one configured account of one provider.
 *
 * <p>Implementations make one upstream call per {@link #fetch} and map the answer to tasks; the
 * engine decides which pages to ask for ({@link SourceInfo#ordering()}), merges, filters and pages.
 * Failures are {@link SourceException}s with a summarized, secret-free message.
 */
public interface TaskSource {

    /** What this source is and can do. */
    SourceInfo info();

    /** One page of the upstream list for {@code query}. */
    UpstreamPage fetch(UpstreamQuery query);

    /** The task with that native id, with its raw record; empty when the source has none. */
    Optional<Task> find(String nativeId);

    /**
     * Performs {@code action} on one task. The default supports nothing.
     *
     * @throws ActionNotSupportedException when the provider has no such action
     * @throws ActionConflictException     when the task's state forbids it now
     * @throws TaskNotFoundException       when the source has no such task
     */
    default void perform(TaskAction action, String nativeId) {
        throw new ActionNotSupportedException(info(), action);
    }

    /**
     * Performs {@code action} on a task just read (the engine's pre-read), so a provider that needs
     * the task's record for the call (e.g. its sub-account) does not read it again. The default
     * performs it by native id.
     */
    default void perform(TaskAction action, Task task) {
        perform(action, task.id().nativeId());
    }

    /** Operations on the source as a whole that its provider offers. The default offers none. */
    default Set<SourceOperation> operations() {
        return Set.of();
    }

    /**
     * Deletes several tasks, reporting each. The default deletes one by one through
     * {@link #perform}; providers with a batch endpoint override it.
     */
    default List<ItemOutcome> deleteAll(List<String> nativeIds) {
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (String nativeId : nativeIds) {
            TaskId id = TaskId.of(info().id(), nativeId);
            try {
                perform(TaskAction.DELETE, nativeId);
                outcomes.add(ItemOutcome.done(id));
            } catch (RuntimeException e) {
                outcomes.add(ItemOutcome.failed(id, e));
            }
        }
        return outcomes;
    }

    /** Retries every failed task; throws {@link UnsupportedOperationException} unless offered. */
    default void retryFailed() {
        throw new UnsupportedOperationException(SourceOperation.RETRY_FAILED.wireName());
    }

    /**
     * Creates tasks from a provider-native body and answers their native ids; throws
     * {@link IllegalArgumentException} naming the bad field before anything is sent, or
     * {@link UnsupportedOperationException} unless offered.
     */
    default List<String> create(Map<String, Object> body) {
        throw new UnsupportedOperationException(SourceOperation.CREATE.wireName());
    }

    /**
     * Native per-status counters for tasks matching {@code filter}, when the provider keeps them
     * and they answer this filter exactly; empty otherwise (the engine then counts).
     */
    default Optional<Map<TaskStatus, Long>> counts(TaskFilter filter) {
        return Optional.empty();
    }

    /**
     * Facts about the source that change at run time, shown by {@code /sources} (e.g. the response
     * shape a new-api build was detected to speak). Never secrets. The default has none.
     */
    default Map<String, String> details() {
        return Map.of();
    }

    /**
     * For a {@link Ordering#NEWEST_FIRST} source: how far its upstream order may stray from
     * creation order. The engine reads on until the last task seen is older than the page's
     * boundary by more than this. The default is exact order.
     */
    default Duration orderSkew() {
        return Duration.ZERO;
    }

    /**
     * {@code query} as this source would send it upstream: the filters it cannot push (or pushes
     * only approximately, the engine re-applying them) dropped, so every query with the same pushed
     * form shares one upstream read (DESIGN §7). Empty when no task can match, so no call is needed.
     * The default pushes nothing: the engine reads the whole list and answers every filter itself.
     */
    default Optional<UpstreamQuery> pushed(UpstreamQuery query) {
        return Optional.of(new UpstreamQuery(Set.of(), null, null, null, query.page(), query.pageSize()));
    }

    /**
     * True when the provider has no way to look up one task, so {@link #find} pages through the
     * list: the engine then answers details from a (shared, cached) read of the whole list instead.
     */
    default boolean findsByScanning() {
        return false;
    }
}
