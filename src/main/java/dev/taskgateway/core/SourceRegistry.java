package dev.taskgateway.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every configured source by id, in configuration order, with its health. */
public final class SourceRegistry {

    /** One configured source and how long its reads serve. */
    public record Entry(TaskSource source, boolean enabled, SourceHealth health, ReadPolicy policy) {

        /** A source with the default read lifetimes. */
        public Entry(TaskSource source, boolean enabled, SourceHealth health) {
            this(source, enabled, health, ReadPolicy.DEFAULT);
        }

        /** Shortcut for {@code source().info()}. */
        public SourceInfo info() {
            return source.info();
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** A registry of {@code sources}; ids must be unique. */
    public SourceRegistry(Collection<Entry> sources) {
        for (Entry entry : sources) {
            if (entries.putIfAbsent(entry.info().id(), entry) != null) {
                throw new IllegalArgumentException("duplicate source id " + entry.info().id());
            }
        }
    }

    /** Every source, enabled or not. */
    public List<Entry> all() {
        return List.copyOf(entries.values());
    }

    /** The enabled sources. */
    public List<Entry> enabled() {
        List<Entry> result = new ArrayList<>();
        entries.values().stream().filter(Entry::enabled).forEach(result::add);
        return result;
    }

    /** The source with that id, enabled or not. */
    public Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

}
