package dev.taskgateway.providers.nxlink;

import dev.taskgateway.providers.LenientJson;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /openapi/aiagent/task/list}. Filters left null are omitted from the JSON,
 * never sent as {@code ""} (PROVIDER-NOTES quirk 7: an empty string is a type mismatch upstream).
 *
 * @param taskName      the {@code taskName} filter, or null
 * @param taskStatus    one native status 1..6, or null
 * @param createStartTs lower bound on {@code createTs}, unix seconds, or null
 * @param createEndTs   upper bound on {@code createTs}, unix seconds, or null
 * @param pageNumber    1-based page
 * @param pageSize      1..{@value #MAX_PAGE_SIZE}
 */
record NxlinkListRequest(String taskName, Integer taskStatus, Long createStartTs, Long createEndTs,
                         int pageNumber, int pageSize) {

    /** The largest page NXLink serves. */
    static final int MAX_PAGE_SIZE = 1000;

    NxlinkListRequest {
        if (pageNumber < 1) {
            throw new IllegalArgumentException("pageNumber must be at least 1, was " + pageNumber);
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    /** An unfiltered request for one page. */
    static NxlinkListRequest page(int pageNumber, int pageSize) {
        return new NxlinkListRequest(null, null, null, null, pageNumber, pageSize);
    }

    /**
     * The compact JSON text, in the order of the provider's field table (and of test vector V2).
     * The client signs and sends exactly this text, so it is made once per request.
     */
    String toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfPresent(body, "taskName", taskName);
        putIfPresent(body, "taskStatus", taskStatus);
        putIfPresent(body, "createStartTs", createStartTs);
        putIfPresent(body, "createEndTs", createEndTs);
        body.put("pageNumber", pageNumber);
        body.put("pageSize", pageSize);
        return LenientJson.MAPPER.writeValueAsString(body);
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
