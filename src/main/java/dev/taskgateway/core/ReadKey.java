package dev.taskgateway.core;

import java.time.Instant;

/**
 * One upstream list as the provider receives it: a source, the filters its adapter pushes (the
 * rest are answered locally from what is read), and where the read starts.
 *
 * @param source id of the source
 * @param pushed the first page of the list, holding only what the adapter sends upstream; every
 *               query with the same pushed form shares its reads (its "family")
 * @param start  null for a read from the top of the list; else an inclusive upper bound on
 *               createdAt where a read began mid-list (a cursor deeper than any held read)
 */
public record ReadKey(String source, UpstreamQuery pushed, Instant start) {

    /** The read of the same list from its top. */
    ReadKey top() {
        return start == null ? this : new ReadKey(source, pushed, null);
    }

    /** The upstream query of page {@code page} of this read. */
    UpstreamQuery page(int page, int pageSize) {
        Instant until = pushed.createdUntil();
        if (start != null && (until == null || start.isBefore(until))) {
            until = start;
        }
        return new UpstreamQuery(pushed.statuses(), pushed.nameContains(), pushed.createdFrom(), until, page,
                pageSize);
    }
}
