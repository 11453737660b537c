package dev.taskgateway.api;

import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.resilience.SourceMonitor;
import dev.taskgateway.state.SharedStateStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sources}: every configured source. */
@RestController
@Tag(name = "Sources", description = "The configured sources, their health and what each supports")
class SourcesController {

    private final SourceRegistry registry;
    private final ObjectProvider<SourceMonitor> monitor;
    private final ObjectProvider<SharedStateStatus> sharedState;

    SourcesController(SourceRegistry registry, ObjectProvider<SourceMonitor> monitor,
                      ObjectProvider<SharedStateStatus> sharedState) {
        this.registry = registry;
        this.monitor = monitor;
        this.sharedState = sharedState;
    }

    @GetMapping(path = "/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every configured source: health and what it supports",
            description = "In configuration order, disabled ones too; never calls a provider.")
    @ApiResponse(responseCode = "200", description = "the sources")
    SourceListBody sources() {
        SourceMonitor status = monitor.getIfAvailable();
        return new SourceListBody(registry.all().stream()
                .map(entry -> SourceBody.from(entry, status == null ? null : status.status(entry.info().id())))
                .toList(), sharedState.stream().findFirst().map(s -> SourceListBody.SharedState.from(s.snapshot()))
                .orElse(null));
    }
}
