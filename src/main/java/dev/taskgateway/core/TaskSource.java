package dev.taskgateway.core;

import java.util.Optional;

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
}
