package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.SourceReport;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One entry of a list's {@code sources[]}; absent facts are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SourceReport", description = "What one source did for this request; absent facts are left out")
public record SourceReportBody(
        @Schema(example = "nxlink-hk") String id,
        @Schema(example = "nxlink") String provider,
        @Schema(allowableValues = {"OK", "STALE", "ERROR", "TIMEOUT", "CIRCUIT_OPEN", "RATE_LIMITED", "SKIPPED"},
                description = "STALE: served from cache after a failure") String state,
        @Schema(example = "83") Long latencyMs,
        Instant fetchedAt,
        @Schema(description = "age of a STALE answer") Long ageSeconds,
        @Schema(description = "matching tasks in this source", example = "250") Long total,
        @Schema(description = "true when the source holds more than its scan cap") Boolean truncated,
        ErrorBody error) {

    /** {@code error}: a code, one line, and a wait hint when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SourceError")
    public record ErrorBody(
            @Schema(allowableValues = {"UPSTREAM_TIMEOUT", "UPSTREAM_UNAVAILABLE", "UPSTREAM_BAD_RESPONSE",
                    "UPSTREAM_AUTH_FAILED", "UPSTREAM_RATE_LIMITED", "UPSTREAM_REJECTED", "CIRCUIT_OPEN"})
            String code,
            @Schema(description = "one line, never a secret or a whole upstream body", example = "no answer in 5s")
            String message,
            @Schema(description = "when the provider said how long to wait") Long retryAfterSeconds) {
    }

    /** The body of {@code report}. */
    public static SourceReportBody from(SourceReport report) {
        SourceReport.SourceError e = report.error();
        return new SourceReportBody(report.id(), report.provider(), report.state().name(), report.latencyMs(),
                report.fetchedAt(), report.ageSeconds(), report.total(), report.truncated() ? Boolean.TRUE : null,
                e == null ? null : new ErrorBody(e.code().name(), e.message(), e.retryAfterSeconds()));
    }
}
