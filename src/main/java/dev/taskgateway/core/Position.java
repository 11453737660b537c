package dev.taskgateway.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A place in the merged order: a task's {@code createdAt} (null sorts last) and its full id.
 * The keyset a cursor resumes after.
 */
public record Position(Instant createdAt, String id) {

    /** createdAt descending with nulls last, then id descending. */
    public static final Comparator<Position> ORDER = Comparator
            .comparing(Position::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
            .thenComparing(Position::id, Comparator.reverseOrder());

    /** An id above every real one, so a position built with it comes first among its second's tasks. */
    private static final String ABOVE_EVERY_ID = "\uffff";

    public Position {
        Objects.requireNonNull(id, "id");
    }

    /** The position just before every task created at {@code createdAt}. */
    public static Position before(Instant createdAt) {
        return new Position(createdAt, ABOVE_EVERY_ID);
    }

    /** True when {@code other} comes strictly after this position in the merged order. */
    public boolean isBefore(Position other) {
        return ORDER.compare(this, other) < 0;
    }
}
