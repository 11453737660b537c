package dev.taskgateway.core;

import java.time.Instant;
import java.util.Set;

/**
 * What the engine asks one source for in one upstream call. Adapters push what their provider
 * can filter and ignore the rest: the engine re-applies every filter to what comes back.
 *
 * @param statuses     unified statuses wanted, or empty for all
 * @param nameContains name substring, or null
 * @param createdFrom  inclusive lower bound on createdAt, or null
 * @param createdUntil inclusive upper bound on createdAt, or null. It also carries a cursor's
 *                     position, so tasks without createdAt must still be listed under it: a
 *                     {@link Ordering#NEWEST_FIRST} walk reaches them no other way
 * @param page         1-based page number of the upstream list
 * @param pageSize     items per upstream page, within the source's maximum
 */
public record UpstreamQuery(Set<TaskStatus> statuses, String nameContains, Instant createdFrom,
                            Instant createdUntil, int page, int pageSize) {

    public UpstreamQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (page < 1) {
            throw new IllegalArgumentException("page must be at least 1, was " + page);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, was " + pageSize);
        }
    }

    /** The same query for another page. */
    public UpstreamQuery withPage(int newPage) {
        return new UpstreamQuery(statuses, nameContains, createdFrom, createdUntil, newPage, pageSize);
    }
}
