package dev.taskgateway.providers.newapi;

/**
 * The query of one task-list call, in new-api's terms.
 *
 * @param status         native status to match exactly, or null
 * @param startTimestamp inclusive lower bound on {@code submit_time} (unix seconds), or null
 * @param endTimestamp   inclusive upper bound on {@code submit_time} (unix seconds), or null
 * @param taskId         {@code task_id} to match exactly, or null
 * @param page           1-based page; the client turns it into the shape's {@code p}
 * @param pageSize       tasks per page, 1..100 (legacy builds ignore it)
 */
record NewApiListRequest(String status, Long startTimestamp, Long endTimestamp, String taskId,
                         int page, int pageSize) {

    /** The request that looks up one task by its {@code task_id}. */
    static NewApiListRequest byTaskId(String taskId) {
        return new NewApiListRequest(null, null, null, taskId, 1, 1);
    }
}
