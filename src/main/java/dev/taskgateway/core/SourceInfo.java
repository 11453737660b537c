package dev.taskgateway.core;

import java.util.Objects;
import java.util.Set;

/**
 * What a source is and what it can do.
 *
 * @param id             source id, {@code [a-z0-9-]{1,40}}
 * @param provider       provider name, e.g. {@code tikmatrix}
 * @param kind           the kind of every task it lists
 * @param ordering       how its upstream list is ordered
 * @param maxPageSize    the largest upstream page it asks for
 * @param scanCap        most tasks read from it for one request
 * @param pushedFilters  query params it pushes upstream (e.g. {@code status}, {@code q}); the rest
 *                       are applied by the gateway
 * @param actions        actions its provider supports at all
 */
public record SourceInfo(String id, String provider, TaskKind kind, Ordering ordering,
                         int maxPageSize, int scanCap, Set<String> pushedFilters,
                         Set<TaskAction> actions) {

    public SourceInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ordering, "ordering");
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be at least 1, was " + maxPageSize);
        }
        if (scanCap < 1) {
            throw new IllegalArgumentException("scanCap must be at least 1, was " + scanCap);
        }
        pushedFilters = Set.copyOf(pushedFilters);
        actions = Set.copyOf(actions);
    }
}
