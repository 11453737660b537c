package dev.taskgateway.api;

import dev.taskgateway.core.TaskPage;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer of {@code GET /tasks} (DESIGN §5). */
@Schema(name = "TaskList")
public record TaskListBody(
        List<TaskBody> items,
        PageBody page,
        @Schema(description = "what each configured source did for this request, SKIPPED when filtered out")
        List<SourceReportBody> sources,
        @Schema(description = "false when any selected source is not OK (its tasks may be missing or stale)")
        boolean complete) {

    /** {@code page}: size, number, total, totalExact and the next cursor. */
    @Schema(name = "Page")
    public record PageBody(
            @Schema(example = "20") int size,
            @Schema(description = "1-based; a cursor page counts on from the page it followed", example = "1")
            int number,
            @Schema(description = "matching tasks across the sources that answered", example = "1503") long total,
            @Schema(description = "true when every selected source answered fresh and counted exactly")
            boolean totalExact,
            @Schema(types = {"string", "null"}, description = "cursor of the next page; null on the last")
            String next) {
    }

    /** The body of {@code page}. */
    public static TaskListBody from(TaskPage page) {
        TaskPage.PageInfo p = page.page();
        return new TaskListBody(page.items().stream().map(TaskBody::from).toList(),
                new PageBody(p.size(), p.number(), p.total(), p.totalExact(), p.next()),
                page.sources().stream().map(SourceReportBody::from).toList(), page.complete());
    }
}
