package dev.taskgateway.core;

import java.time.Duration;

/**
 * How long a source's held reads serve ({@code taskgateway.sources.<id>.cache}).
 *
 * @param freshTtl age below which a held read answers without asking the provider (zero: never)
 * @param staleTtl age below which it answers, flagged STALE, when the provider fails; at least {@code freshTtl}
 */
public record ReadPolicy(Duration freshTtl, Duration staleTtl) {

    /** The shipped defaults: fresh for 15 s, stale-if-error for 10 min. */
    public static final ReadPolicy DEFAULT = new ReadPolicy(Duration.ofSeconds(15), Duration.ofMinutes(10));

    public ReadPolicy {
        if (freshTtl == null || staleTtl == null || freshTtl.isNegative() || staleTtl.compareTo(freshTtl) < 0) {
            throw new IllegalArgumentException("need 0 <= fresh TTL <= stale TTL, got " + freshTtl + " and " + staleTtl);
        }
    }
}
