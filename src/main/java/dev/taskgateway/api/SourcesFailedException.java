package dev.taskgateway.api;

import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.SourceState;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No selected source answered; the status follows DESIGN §5 (504, 503 or 502). */
public class SourcesFailedException extends RuntimeException {

    private final List<SourceReport> reports;

    public SourcesFailedException(List<SourceReport> reports) {
        super("no selected source answered", null, false, false);
        this.reports = List.copyOf(reports);
    }

    public List<SourceReport> reports() {
        return reports;
    }

    /** 504 when all timed out, 503 when all were circuit-open or rate-limited, else 502. */
    public HttpStatus status() {
        List<SourceState> states = reports.stream().map(SourceReport::state)
                .filter(s -> s != SourceState.SKIPPED).toList();
        if (!states.isEmpty() && states.stream().allMatch(s -> s == SourceState.TIMEOUT)) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        if (!states.isEmpty() && states.stream()
                .allMatch(s -> s == SourceState.CIRCUIT_OPEN || s == SourceState.RATE_LIMITED)) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.BAD_GATEWAY;
    }
}
