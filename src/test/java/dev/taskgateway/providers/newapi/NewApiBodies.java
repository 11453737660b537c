package dev.taskgateway.providers.newapi;

import dev.taskgateway.providers.LenientJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** new-api answer bodies for WireMock stubs. */
final class NewApiBodies {

    private NewApiBodies() {
    }

    /** A task item as the current builds list it. */
    static ObjectNode item(String taskId, long submitTime, String status) {
        ObjectNode item = LenientJson.MAPPER.createObjectNode()
                .put("id", submitTime % 100_000).put("created_at", submitTime).put("updated_at", submitTime)
                .put("task_id", taskId).put("platform", "suno").put("user_id", 7).put("channel_id", 0)
                .put("quota", 1000).put("action", "MUSIC").put("status", status).put("fail_reason", "")
                .put("submit_time", submitTime).put("start_time", 0).put("finish_time", 0).put("progress", "0%");
        item.putObject("properties").put("input", "prompt of " + taskId);
        item.putNull("data");
        return item;
    }

    /** {@code {success:true, data:{page, page_size, total, items}}}. */
    static String current(int page, int pageSize, long total, ObjectNode... items) {
        ObjectNode body = envelope();
        ObjectNode data = body.putObject("data").put("page", page).put("page_size", pageSize).put("total", total);
        ArrayNode array = data.putArray("items");
        for (ObjectNode item : items) {
            array.add(item);
        }
        return body.toString();
    }

    /** {@code {success:true, data:[...]}} as builds up to 2025-04 answer. */
    static String legacy(ObjectNode... items) {
        ObjectNode body = envelope();
        ArrayNode array = body.putArray("data");
        for (ObjectNode item : items) {
            array.add(item);
        }
        return body.toString();
    }

    /** {@code {success:false, message}}. */
    static String refusal(String message) {
        return LenientJson.MAPPER.createObjectNode().put("success", false).put("message", message).toString();
    }

    private static ObjectNode envelope() {
        return LenientJson.MAPPER.createObjectNode().put("success", true).put("message", "");
    }
}
