package dev.taskgateway.api;

import dev.taskgateway.core.TaskId;

/** Reads a task id from a path, answering 400 naming {@code id} when it is malformed. */
final class TaskIdParam {

    /** How the OpenAPI document describes a task id in a path. */
    static final String DESCRIPTION = "task id `<source>:<nativeId>`, the native part percent-encoded";
    static final String EXAMPLE = "tikmatrix-pc1:12";

    private TaskIdParam() {
    }

    static TaskId parse(String id) {
        try {
            return TaskId.parse(id);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("id", e.getMessage());
        }
    }
}
