package dev.taskgateway.core;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The filters of a list request (DESIGN §5). Empty sets mean "all".
 *
 * @param sources     source ids to ask, or empty for every enabled source
 * @param providers   provider names to ask, or empty for all
 * @param statuses    unified statuses to keep, or empty for all
 * @param nameContains case-insensitive substring of the name, or null
 * @param createdFrom inclusive lower bound on createdAt, or null
 * @param createdTo   exclusive upper bound on createdAt, or null
 * @param updatedFrom inclusive lower bound on the task's last known change ({@link #lastChange}), or null;
 *                    always answered in the gateway: no provider filters on it reliably
 */
public record TaskFilter(Set<String> sources, Set<String> providers, Set<TaskStatus> statuses,
                         String nameContains, Instant createdFrom, Instant createdTo, Instant updatedFrom) {

    /** No filter at all. */
    public static final TaskFilter NONE = new TaskFilter(Set.of(), Set.of(), Set.of(), null, null, null);

    /** A filter without {@code updatedFrom}. */
    public TaskFilter(Set<String> sources, Set<String> providers, Set<TaskStatus> statuses, String nameContains,
                      Instant createdFrom, Instant createdTo) {
        this(sources, providers, statuses, nameContains, createdFrom, createdTo, null);
    }

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

    /**
     * The inclusive upper bound providers take for the exclusive {@code createdTo}: one nanosecond
     * before it (no provider stamps finer), or null when there is none.
     */
    public Instant createdUntil() {
        return createdTo == null ? null : createdTo.minusNanos(1);
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
        if (createdTo != null && (task.createdAt() == null || !task.createdAt().isBefore(createdTo))) {
            return false;
        }
        if (updatedFrom == null) {
            return true;
        }
        Instant changed = lastChange(task);
        return changed != null && !changed.isBefore(updatedFrom);
    }

    /**
     * When the task last changed as far as its provider tells: {@code updatedAt}, else the latest of
     * {@code createdAt}, {@code startedAt} and {@code finishedAt} (most providers stamp no update time).
     */
    public static Instant lastChange(Task task) {
        if (task.updatedAt() != null) {
            return task.updatedAt();
        }
        Instant latest = null;
        for (Instant time : new Instant[] {task.createdAt(), task.startedAt(), task.finishedAt()}) {
            if (time != null && (latest == null || time.isAfter(latest))) {
                latest = time;
            }
        }
        return latest;
    }

    /** A same-meaning text for the cursor fingerprint: equal filters give equal text. */
    String canonical() {
        return String.join("|", sorted(sources), sorted(providers),
                sorted(statuses.stream().map(Enum::name).collect(Collectors.toSet())),
                String.valueOf(nameContains == null ? null : nameContains.toLowerCase(Locale.ROOT)),
                String.valueOf(createdFrom), String.valueOf(createdTo))
                // Only when given, so cursors made before updatedFrom existed still verify.
                + (updatedFrom == null ? "" : "|updatedFrom=" + updatedFrom);
    }

    private static String sorted(Set<String> values) {
        return String.join(",", new TreeSet<>(values));
    }
}
