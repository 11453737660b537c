package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.providers.Paging;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Longlonglong's answer to {@code GET …/subset_task}: the items of {@code data} and the Laravel
 * paginator fields of {@code meta}, read leniently ({@code per_page} arrives as a string).
 *
 * @param tasks       task objects as sent
 * @param total       {@code meta.total}, or null
 * @param currentPage {@code meta.current_page}, or null
 * @param lastPage    {@code meta.last_page}, or null
 * @param perPage     {@code meta.per_page} (a string upstream), or null
 * @param hasPages    {@code meta.has_pages}, or null
 */
record LonglonglongListResponse(List<JsonNode> tasks, Long total, Long currentPage, Long lastPage,
                                Long perPage, Boolean hasPages) {

    /**
     * True when no page follows {@code askedPage}. Decided by the paginator, never by comparing the
     * item count with the {@code per_page} asked for: the provider may cap it silently, and then
     * a full page looks short. Without paginator fields, paging goes on until an empty page.
     */
    boolean isLast(int askedPage) {
        return Paging.isLastByPaginator(tasks.size(), askedPage, currentPage, lastPage, hasPages);
    }
}
