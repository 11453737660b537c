package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.SourceReport;
import java.time.Instant;

/** One entry of a list's {@code sources[]}; absent facts are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceReportBody(String id, String provider, String state, Long latencyMs, Instant fetchedAt,
                               Long ageSeconds, Long total, Boolean truncated, ErrorBody error) {

    /** {@code error}: a code, one line, and a wait hint when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorBody(String code, String message, Long retryAfterSeconds) {
    }

    /** The body of {@code report}. */
    public static SourceReportBody from(SourceReport report) {
        SourceReport.SourceError e = report.error();
        return new SourceReportBody(report.id(), report.provider(), report.state().name(), report.latencyMs(),
                report.fetchedAt(), report.ageSeconds(), report.total(), report.truncated() ? Boolean.TRUE : null,
                e == null ? null : new ErrorBody(e.code().name(), e.message(), e.retryAfterSeconds()));
    }
}
