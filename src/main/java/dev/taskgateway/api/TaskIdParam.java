package dev.taskgateway.api;

import dev.taskgateway.core.TaskId;

/** Reads a task id or a source id from a path, answering 400 naming it when it is malformed. */
final class TaskIdParam {

    /** How the OpenAPI document describes a task id in a path. */
    static final String DESCRIPTION = "task id `<source>:<nativeId>`, the native part percent-encoded";
    static final String EXAMPLE = "tikmatrix-pc1:12";

    private TaskIdParam() {
    }

    /** A source id from a path, checked before it is used or audited; 400 naming {@code source} otherwise. */
    static String source(String source) {
        if (source == null || !TaskId.SOURCE_ID.matcher(source).matches()) {
            throw InvalidRequestException.of("source", "must match [a-z0-9-]{1,40}");
        }
        return source;
    }

    static TaskId parse(String id) {
        try {
            return TaskId.parse(id);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("id", e.getMessage());
        }
    }
}
