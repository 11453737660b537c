package dev.taskgateway.providers.minitask;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Minitask's answer to {@code GET /v1/jobs}.
 *
 * @param jobs  job objects as sent
 * @param total {@code total}, or null
 */
record MinitaskListResponse(List<JsonNode> jobs, Long total) {
}
