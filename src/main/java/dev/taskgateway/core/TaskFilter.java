package dev.taskgateway.core;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * The filters of a list request (DESIGN §5). Empty sets mean "all".
 *
 * @param sources     source ids to ask, or empty for every enabled source
 * @param providers   provider names to ask, or empty for all
 * @param statuses    unified statuses to keep, or empty for all
 * @param nameContains case-insensitive substring of the name, or null
 * @param createdFrom inclusive lower bound on createdAt, or null
 * @param createdTo   exclusive upper bound on createdAt, or null
 */
public record TaskFilter(Set<String> sources, Set<String> providers, Set<TaskStatus> statuses,
                         String nameContains, Instant createdFrom, Instant createdTo) {

    /** No filter at all. */
    public static final TaskFilter NONE = new TaskFilter(Set.of(), Set.of(), Set.of(), null, null, null);

    public TaskFilter {
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        providers = providers == null ? Set.of() : Set.copyOf(providers);
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (createdFrom != null && createdTo != null && createdFrom.isAfter(createdTo)) {
            throw new IllegalArgumentException("createdFrom is after createdTo");
        }
    }

    /** True when the source is selected by the {@code source} and {@code provider} filters. */
    public boolean selects(String sourceId, String provider) {
        return (sources.isEmpty() || sources.contains(sourceId))
                && (providers.isEmpty() || providers.contains(provider));
    }

    /** True when the task passes every task-level filter (status, name, created range). */
    public boolean matches(Task task) {
        if (!statuses.isEmpty() && !statuses.contains(task.status())) {
            return false;
        }
        if (nameContains != null && (task.name() == null || !task.name().toLowerCase(Locale.ROOT)
                .contains(nameContains.toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (createdFrom != null && (task.createdAt() == null || task.createdAt().isBefore(createdFrom))) {
            return false;
        }
        return createdTo == null || (task.createdAt() != null && task.createdAt().isBefore(createdTo));
    }

    /** A same-meaning text for the cursor fingerprint: equal filters give equal text. */
    String canonical() {
        return String.join("|", sorted(sources), sorted(providers),
                sorted(statuses.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet())),
                String.valueOf(nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT)),
                String.valueOf(createdFrom), String.valueOf(createdTo));
    }

    private static String sorted(Set<String> values) {
        return String.join(",", new java.util.TreeSet<>(values));
    }
}
