package dev.taskgateway.providers.newapi;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * new-api's answer to a task-list call.
 *
 * @param shape    the envelope it came in, or null when {@code data} was null or missing and so
 *                 says nothing about the shape
 * @param items    task objects as sent ({@code items: null} never gets here: it is a failed query)
 * @param total    {@code data.total} (current shape only), or null
 * @param pageSize {@code data.page_size}, the page size the provider applied, or null
 */
record NewApiListResponse(NewApiShape shape, List<JsonNode> items, Long total, Long pageSize) {
}
