package dev.taskgateway.core;

/** How a source's upstream list is ordered, which decides how the engine reads it. */
public enum Ordering {
    /**
     * Newest first by creation time and filterable by an upper creation-time bound: the engine
     * reads only the pages it needs, resuming below the cursor's position. Tasks without a
     * creation time, if the source has any, come last and must survive that bound (see
     * {@link UpstreamQuery#createdUntil()}); a provider that drops them there (as SQL's
     * {@code created_at <= ?} does) must give every task a time or be read {@code UNORDERED}.
     */
    NEWEST_FIRST,
    /** No usable order: the engine reads the whole list (up to the scan cap) and sorts it. */
    UNORDERED
}
