package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of every error answer, for the OpenAPI document only: {@link ProblemHandler} and the
 * security filters write it as a {@link org.springframework.http.ProblemDetail} or a map.
 * OpenApiDocumentTests checks that real answers carry no member this record lacks.
 */
@Schema(name = "Problem",
        description = "RFC 9457 problem details (application/problem+json); types in docs/problems.md")
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemBody(
        @Schema(description = "problem type, a relative URI under /problems/", format = "uri-reference",
                example = "/problems/invalid-request", requiredMode = Schema.RequiredMode.REQUIRED) String type,
        @Schema(example = "Invalid request", requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "one line for a human", example = "size: must be a whole number from 1 to 200")
        String detail,
        @Schema(description = "the request path", format = "uri-reference", example = "/tasks") String instance,
        @Schema(description = "the request's id, also in the X-Request-Id header: quote it when reporting",
                example = "45ad61d9-3db2-4d39-9009-4298dbf17da9") String requestId,
        @Schema(description = "invalid-request only: each bad parameter, header or body field")
        List<InvalidRequestException.FieldError> errors,
        @Schema(description = "upstream-failure only: what each selected source did")
        List<SourceReportBody> sources) {
}
