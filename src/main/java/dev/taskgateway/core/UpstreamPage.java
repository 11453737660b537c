package dev.taskgateway.core;

import java.util.List;

/**
 * One page of a source's list, already mapped to tasks.
 *
 * @param tasks      the tasks, in the provider's order; an empty list ends the read, so an adapter
 *                   never answers an empty page that is not the end
 * @param total      how many tasks the provider says match the query, or null when it does not say
 * @param totalExact true when {@code total} counts exactly the tasks matching every filter of the
 *                   query (the adapter pushed all of them upstream)
 * @param last       true when no page follows this one
 *
 * <p>When it was read, and whether it stands in for a failed read, is the read model's business
 * ({@link HeldRead}): a page is always the provider's answer, just received.
 */
public record UpstreamPage(List<Task> tasks, Long total, boolean totalExact, boolean last) {

    public UpstreamPage {
        tasks = List.copyOf(tasks);
        totalExact = totalExact && total != null;
    }
}
