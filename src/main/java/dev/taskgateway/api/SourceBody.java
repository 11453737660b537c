package dev.taskgateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.resilience.SourceMonitor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of {@code GET /sources}: what the source is, how it has been doing, what it supports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Source")
public record SourceBody(
        @Schema(example = "tikmatrix-pc1") String id,
        @Schema(example = "tikmatrix") String provider,
        @Schema(example = "device-automation") String kind,
        boolean enabled,
        @Schema(description = "circuit breaker state", example = "CLOSED") String circuit,
        @Schema(description = "last answer from the provider") Instant lastSuccess,
        Instant lastFailure,
        @Schema(example = "UPSTREAM_TIMEOUT") String lastErrorCode,
        Latency latency,
        @Schema(description = "held reads of this source (one per list as the provider receives it)") Long cacheEntries,
        @Schema(description = "tasks its held reads hold") Long cachedTasks,
        @Schema(description = "the provider's request budget this source spends") Budget budget,
        Supports supports,
        @Schema(description = "facts found at run time, e.g. the response shape a new-api build speaks")
        Map<String, String> details) {

    /**
     * Durations of its last upstream calls (up to 256, any outcome).
     *
     * @param p50Ms median, milliseconds
     * @param p95Ms 95th percentile, milliseconds
     */
    @Schema(name = "SourceLatency")
    public record Latency(Long p50Ms, Long p95Ms) {
    }

    /**
     * A provider request budget, shared by every source of the same {@code scope}.
     *
     * @param limit         calls allowed in any period (sliding)
     * @param periodSeconds the period
     * @param remaining     calls that may start now without waiting
     * @param scope         who shares it, e.g. {@code new-api@api.example.com:443} or {@code source:tikmatrix-pc1}
     */
    @Schema(name = "SourceBudget")
    public record Budget(@Schema(example = "180") int limit, @Schema(example = "180") long periodSeconds,
                         @Schema(example = "172") int remaining,
                         @Schema(example = "new-api@newapi.example.com:443") String scope) {
    }

    /**
     * What the gateway can do with this source.
     *
     * @param ordering      how its list is read: {@code NEWEST_FIRST} (paged upstream) or {@code UNORDERED} (read whole, sorted here)
     * @param filters       query params pushed upstream; the gateway applies the others itself
     * @param actions       actions its provider supports
     * @param maxPageSize   largest upstream page asked for
     * @param scanCap       most tasks read for one request
     */
    @Schema(name = "SourceSupports")
    public record Supports(@Schema(allowableValues = {"NEWEST_FIRST", "UNORDERED"}) String ordering,
                           @Schema(example = "[\"status\"]") List<String> filters,
                           @Schema(example = "[\"delete\", \"retry\", \"stop\"]") List<String> actions,
                           @Schema(example = "100") int maxPageSize,
                           @Schema(example = "10000") int scanCap) {
    }

    /** The body of one registry entry with its current status (breaker, latency, cache), or null when unknown. */
    public static SourceBody from(SourceRegistry.Entry entry, SourceMonitor.Status status) {
        var info = entry.info();
        SourceHealth.Snapshot health = entry.health().snapshot();
        return new SourceBody(info.id(), info.provider(), info.kind().wireName(), entry.enabled(),
                status == null ? null : status.circuit(), health.lastSuccess(), health.lastFailure(),
                health.lastErrorCode() == null ? null : health.lastErrorCode().name(),
                status == null || status.p50Ms() == null ? null : new Latency(status.p50Ms(), status.p95Ms()),
                status == null ? null : status.cacheEntries(),
                status == null ? null : status.cachedTasks(),
                status == null || status.budget() == null ? null : new Budget(status.budget().limit(),
                        status.budget().periodSeconds(), status.budget().remaining(), status.budget().scope()),
                new Supports(info.ordering().name(), info.pushedFilters().stream().sorted().toList(),
                        info.actions().stream().map(TaskAction::wireName).sorted().toList(),
                        info.maxPageSize(), info.scanCap()),
                entry.source().details().isEmpty() ? null : entry.source().details());
    }
}
