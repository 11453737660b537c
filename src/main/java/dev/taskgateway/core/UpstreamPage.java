package dev.taskgateway.core;

import java.time.Instant;
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
 * @param fetchedAt  when the upstream produced it; null means just now
 * @param staleCause when served from cache because the upstream failed, that failure; else null
 */
public record UpstreamPage(List<Task> tasks, Long total, boolean totalExact, boolean last,
                           Instant fetchedAt, SourceException staleCause) {

    public UpstreamPage {
        tasks = List.copyOf(tasks);
        totalExact = totalExact && total != null;
    }

    /** A page just fetched from the upstream. */
    public UpstreamPage(List<Task> tasks, Long total, boolean totalExact, boolean last) {
        this(tasks, total, totalExact, last, null, null);
    }

    /** This page as served from cache: fetched at {@code when}, stale because of {@code cause}. */
    public UpstreamPage servedFromCache(Instant when, SourceException cause) {
        return new UpstreamPage(tasks, total, totalExact, last, when, cause);
    }
}
