package dev.taskgateway.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One item of a source's task list, normalized (DESIGN §4).
 *
 * @param id                gateway-wide id, {@code <source>:<nativeId>}
 * @param provider          provider name, e.g. {@code nxlink}
 * @param kind              what sort of work this is
 * @param name              display name, or null
 * @param description       longer text, or null
 * @param status            unified status
 * @param nativeStatus      the provider's own status value, as a string
 * @param nativeStatusLabel the provider's label for it, or null
 * @param statusReason      why, when the provider says, or null
 * @param progress          percent 0..100, or null
 * @param owner             account, user or device the task belongs to, or null
 * @param createdAt         creation time, or null when the provider does not say
 * @param updatedAt         last change, or null
 * @param startedAt         when it did start, only when the provider says it did; or null
 * @param finishedAt        when it did finish, only when the provider says it did; or null
 * @param schedule          the planned start/end window, or null when there is no plan
 * @param metrics           provider counters, documented per provider
 * @param actions           actions the gateway accepts for this task now
 * @param raw               the provider's record, serializable as JSON (providers hold it compact); opaque to the core
 */
public record Task(
        TaskId id, String provider, TaskKind kind, String name, String description,
        TaskStatus status, String nativeStatus, String nativeStatusLabel, String statusReason,
        Double progress, String owner, Instant createdAt, Instant updatedAt, Instant startedAt,
        Instant finishedAt, TaskSchedule schedule, Map<String, Number> metrics, List<TaskAction> actions, Object raw) {

    /**
     * The one order of every list: {@code createdAt} descending, then {@code id} descending;
     * tasks without {@code createdAt} last.
     */
    public static final Comparator<Task> ORDER = Comparator.comparing(Task::position, Position.ORDER);

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        // Insertion order kept: equal tasks must serialize to equal bytes on every instance (ETags).
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** This task's place in {@link #ORDER}. */
    public Position position() {
        return new Position(createdAt, id.toString());
    }

    /** The same task without its raw record. */
    public Task withoutRaw() {
        return raw == null ? this : toBuilder().raw(null).build();
    }


    /** A builder for {@code id} in provider {@code provider}. */
    public static Builder builder(TaskId id, String provider, TaskKind kind) {
        return new Builder(id, provider, kind);
    }

    /** A builder holding this task's values. */
    public Builder toBuilder() {
        Builder b = new Builder(id, provider, kind);
        b.name = name;
        b.description = description;
        b.status = status;
        b.nativeStatus = nativeStatus;
        b.nativeStatusLabel = nativeStatusLabel;
        b.statusReason = statusReason;
        b.progress = progress;
        b.owner = owner;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.schedule = schedule;
        b.metrics = metrics;
        b.actions = actions;
        b.raw = raw;
        return b;
    }

    /** Builds a {@link Task}; mappers fill in what their provider knows. */
    public static final class Builder {
        private final TaskId id;
        private final String provider;
        private final TaskKind kind;
        private String name;
        private String description;
        private TaskStatus status = TaskStatus.UNKNOWN;
        private String nativeStatus;
        private String nativeStatusLabel;
        private String statusReason;
        private Double progress;
        private String owner;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant startedAt;
        private Instant finishedAt;
        private TaskSchedule schedule;
        private Map<String, Number> metrics = Map.of();
        private List<TaskAction> actions = List.of();
        private Object raw;

        private Builder(TaskId id, String provider, TaskKind kind) {
            this.id = id;
            this.provider = provider;
            this.kind = kind;
        }

        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder status(TaskStatus v) { status = v; return this; }
        public Builder nativeStatus(String v) { nativeStatus = v; return this; }
        public Builder nativeStatusLabel(String v) { nativeStatusLabel = v; return this; }
        public Builder statusReason(String v) { statusReason = v; return this; }
        public Builder progress(Double v) { progress = v; return this; }
        public Builder owner(String v) { owner = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder updatedAt(Instant v) { updatedAt = v; return this; }
        public Builder startedAt(Instant v) { startedAt = v; return this; }
        public Builder finishedAt(Instant v) { finishedAt = v; return this; }
        public Builder schedule(TaskSchedule v) { schedule = v; return this; }
        public Builder metrics(Map<String, Number> v) { metrics = v; return this; }
        public Builder actions(List<TaskAction> v) { actions = v; return this; }
        public Builder raw(Object v) { raw = v; return this; }

        public Task build() {
            return new Task(id, provider, kind, name, description, status, nativeStatus,
                    nativeStatusLabel, statusReason, progress, owner, createdAt, updatedAt,
                    startedAt, finishedAt, schedule, metrics, actions, raw);
        }
    }
}
