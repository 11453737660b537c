package dev.taskgateway.api;

import dev.taskgateway.core.TaskPage;
import java.util.List;

/** The answer of {@code GET /tasks} (DESIGN §5). */
public record TaskListBody(List<TaskBody> items, PageBody page, List<SourceReportBody> sources, boolean complete) {

    /** {@code page}: size, number, total, totalExact and the next cursor. */
    public record PageBody(int size, int number, long total, boolean totalExact, String next) {
    }

    /** The body of {@code page}. */
    public static TaskListBody from(TaskPage page) {
        TaskPage.PageInfo p = page.page();
        return new TaskListBody(page.items().stream().map(TaskBody::from).toList(),
                new PageBody(p.size(), p.number(), p.total(), p.totalExact(), p.next()),
                page.sources().stream().map(SourceReportBody::from).toList(), page.complete());
    }
}
