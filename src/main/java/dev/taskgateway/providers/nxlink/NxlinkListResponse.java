package dev.taskgateway.providers.nxlink;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * NXLink's answer to {@code task/list}: the items of {@code list} and the paging fields, read
 * from the top level (the task-list page) or from {@code data} (its sibling endpoints).
 *
 * @param tasks      task objects as sent
 * @param total      {@code total}, or null when missing
 * @param pageNumber {@code pageNumber}, or null
 * @param pageSize   {@code pageSize}, or null
 */
record NxlinkListResponse(List<JsonNode> tasks, Long total, Long pageNumber, Long pageSize) {
}
