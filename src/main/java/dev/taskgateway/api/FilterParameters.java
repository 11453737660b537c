package dev.taskgateway.api;

import dev.taskgateway.core.TaskStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.Explode;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of the filter parameters {@code GET /tasks} and {@code GET /tasks/stats}
 * share; {@link TaskQueryParser} owns the rules (those endpoints read the raw query string).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Parameters({
        @Parameter(in = ParameterIn.QUERY, name = "source", explode = Explode.TRUE,
                description = "source ids, comma-separated or repeated; default every enabled source",
                array = @ArraySchema(schema = @Schema(type = "string", example = "nxlink-hk"))),
        @Parameter(in = ParameterIn.QUERY, name = "provider", explode = Explode.TRUE,
                description = "provider names, comma-separated or repeated",
                array = @ArraySchema(schema = @Schema(type = "string",
                        allowableValues = {"longlonglong", "nxlink", "new-api", "tikmatrix"}))),
        @Parameter(in = ParameterIn.QUERY, name = "status", explode = Explode.TRUE,
                description = "unified statuses, comma-separated or repeated",
                array = @ArraySchema(schema = @Schema(implementation = TaskStatus.class))),
        @Parameter(in = ParameterIn.QUERY, name = "q", description = "case-insensitive substring of the task name",
                schema = @Schema(type = "string", minLength = 1, maxLength = 200, example = "post")),
        @Parameter(in = ParameterIn.QUERY, name = "createdFrom",
                description = "created at or after: an ISO-8601 instant, or a date meaning its start in UTC",
                schema = @Schema(type = "string", example = "2026-01-31")),
        @Parameter(in = ParameterIn.QUERY, name = "createdTo",
                description = "created before (exclusive): an ISO-8601 instant or a date; not before createdFrom",
                schema = @Schema(type = "string", example = "2026-02-01T08:00:00Z")),
        @Parameter(in = ParameterIn.QUERY, name = "updatedFrom",
                description = "last changed at or after (updatedAt, else the latest of createdAt, startedAt and "
                        + "finishedAt): an ISO-8601 instant or a date; answered by the gateway from its reads",
                schema = @Schema(type = "string", example = "2026-01-31T08:00:00Z"))
})
public @interface FilterParameters {
}
