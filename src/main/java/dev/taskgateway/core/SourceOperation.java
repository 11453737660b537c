package dev.taskgateway.core;

/** Operations on a source as a whole, beyond actions on one task. */
public enum SourceOperation {
    /** {@code POST /sources/{source}/tasks}: create tasks from a provider-native body. */
    CREATE("create"),
    /** {@code POST /tasks:batchDelete} served by one upstream call. */
    BATCH_DELETE("batchDelete"),
    /** {@code POST /sources/{source}/tasks:retryFailed}. */
    RETRY_FAILED("retryFailed");

    private final String wireName;

    SourceOperation(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in URLs and JSON. */
    public String wireName() {
        return wireName;
    }
}
