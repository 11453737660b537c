package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answers of the action endpoints (DESIGN §5 "Actions"). */
final class ActionResultBody {

    private ActionResultBody() {
    }

    /** {@code POST /tasks/{id}/{action}} and {@code DELETE /tasks/{id}}: the action was carried out. */
    @Schema(name = "TaskActionResult")
    record TaskDone(@Schema(example = "tikmatrix-pc1:12") String id,
                    @Schema(example = "stop", allowableValues = {"stop", "pause", "resume", "retry", "delete"})
                    String action,
                    @Schema(example = "DONE", allowableValues = "DONE") String outcome) {
    }

    /** {@code POST /sources/{source}/tasks:retryFailed}: the source retried its failed tasks. */
    @Schema(name = "SourceActionResult")
    record SourceDone(@Schema(example = "tikmatrix-pc1") String source,
                      @Schema(example = "retryFailed") String action,
                      @Schema(example = "DONE", allowableValues = "DONE") String outcome) {
    }

    /** {@code POST /tasks:batchDelete}: one result per distinct id, in the order given. */
    @Schema(name = "BatchDeleteResult")
    record BatchDeleted(List<Item> results, @Schema(example = "1") long done, @Schema(example = "1") long notDone) {

        /** What happened to one id; {@code code} and {@code message} only when it was not deleted. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(name = "BatchDeleteItem")
        record Item(@Schema(example = "tikmatrix-pc1:13") String id,
                    @Schema(example = "NOT_FOUND", allowableValues = {"DONE", "NOT_FOUND", "CONFLICT", "FAILED"})
                    String outcome,
                    @Schema(description = "an upstream error code, or NOT_SUPPORTED, when FAILED",
                            example = "UPSTREAM_TIMEOUT") String code,
                    @Schema(example = "task tikmatrix-pc1:13 not found") String message) {
        }
    }

    /** {@code POST /sources/{source}/tasks}: the ids of the tasks the provider created. */
    @Schema(name = "CreatedTasks")
    record Created(@Schema(example = "tikmatrix-pc1") String source,
                   @Schema(example = "[\"tikmatrix-pc1:501\"]") List<String> ids) {
    }
}
