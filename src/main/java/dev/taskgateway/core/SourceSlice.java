package dev.taskgateway.core;

import java.time.Instant;
import java.util.List;

/**
 * What one source contributed to one request: its first tasks after a position, in order.
 *
 * @param tasks         matching tasks strictly after the position, sorted by {@link Task#ORDER}
 * @param total         matching tasks in the whole source, or null when unknown
 * @param totalExact    true when {@code total} is exact
 * @param truncated     true when the scan cap stopped the read early
 * @param upstreamCalls upstream pages asked for (cache hits included)
 * @param fetchedAt     the oldest page's fetch time (null = now)
 * @param staleCause    when any page came from cache after a failure, that failure
 * @param frontier      when the scan cap stopped a newest-first read, the first position it has
 *                      not fully seen: the slice is complete only before it; else null
 */
record SourceSlice(List<Task> tasks, Long total, boolean totalExact, boolean truncated,
                   int upstreamCalls, Instant fetchedAt, SourceException staleCause, Position frontier) {
}
