package dev.taskgateway.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A held read as replicas share it ({@link SharedReads}): everything it holds, nothing derived
 * (the id index is rebuilt).
 *
 * @param tasks       every task held, in {@link Task#ORDER}
 * @param oldestDated the oldest createdAt read, or null
 * @param fetchedAt   when its first page was read (on the clock of the replica that read it)
 */
public record ReadSnapshot(ReadKey key, int pageSize, int pages, List<Task> tasks, Instant oldestDated,
                           boolean ended, boolean truncated, Long total, boolean totalExact, Instant fetchedAt,
                           Duration skew) {
}
