package dev.taskgateway.core;

import java.util.Objects;

/**
 * A validated list request.
 *
 * @param filter     what to list
 * @param size       page size, 1..{@value #MAX_SIZE}
 * @param page       1-based page number when paging by number
 * @param cursor     where to resume, or null to page by number
 * @param includeRaw true to keep each task's raw record
 */
public record TaskQuery(TaskFilter filter, int size, int page, Cursor cursor, boolean includeRaw) {

    /** Largest page size. */
    public static final int MAX_SIZE = 200;
    /** Deepest item reachable by page number; deeper walks use the cursor. */
    public static final int MAX_WINDOW = 10_000;

    public TaskQuery {
        Objects.requireNonNull(filter, "filter");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1.." + MAX_SIZE);
        }
        if (page < 1 || (long) page * size > MAX_WINDOW) {
            throw new IllegalArgumentException("page*size may not pass " + MAX_WINDOW);
        }
    }

    /** The number of the page this query answers. */
    public int pageNumber() {
        return cursor == null ? page : cursor.pageNumber();
    }
}
