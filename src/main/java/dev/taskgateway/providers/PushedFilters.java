package dev.taskgateway.providers;

import dev.taskgateway.core.TaskStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/** How adapters turn the gateway's filters into what a provider's list can be asked. */
public final class PushedFilters {

    private PushedFilters() {
    }

    /**
     * The native values the wanted {@code statuses} stand for, by the mapper's {@code table} (which
     * answers null for a status with open-ended values, such as UNKNOWN). Null when there is nothing
     * to push: no status asked (every task matches) or one that cannot be said upstream; an empty
     * set when none of the provider's tasks can match.
     */
    public static <N> Set<N> nativeStatuses(Set<TaskStatus> statuses, Function<TaskStatus, Set<N>> table) {
        if (statuses.isEmpty()) {
            return null;
        }
        Set<N> natives = new HashSet<>();
        for (TaskStatus status : statuses) {
            Set<N> values = table.apply(status);
            if (values == null) {
                return null;
            }
            natives.addAll(values);
        }
        return natives;
    }

    /** The one native value to send as a status filter, or null when there is not exactly one. */
    public static <N> N onlyValue(Set<N> natives) {
        return natives != null && natives.size() == 1 ? natives.iterator().next() : null;
    }

    /**
     * The first whole second at or after {@code from} (for providers that date tasks in whole
     * seconds, "at or after from" is exactly "at or after" this), or null for no bound.
     */
    public static Long firstWholeSecond(Instant from) {
        return from == null ? null : from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
    }
}
