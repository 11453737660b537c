package dev.taskgateway.providers.tikmatrix;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * TikMatrix's answer to {@code GET /api/v1/task}: the items (under {@code tasks}, {@code list} or
 * {@code items}) and the paging fields of {@code data}.
 *
 * @param tasks    task objects as sent
 * @param total    {@code data.total}, or null when missing
 * @param page     {@code data.page}, or null
 * @param pageSize {@code data.page_size}, or null
 */
record TikmatrixListResponse(List<JsonNode> tasks, Long total, Long page, Long pageSize) {
}
