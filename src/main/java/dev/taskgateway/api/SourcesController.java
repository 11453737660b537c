package dev.taskgateway.api;

import dev.taskgateway.core.SourceRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sources}: every configured source. */
@RestController
@Tag(name = "Sources", description = "The configured sources, their health and what each supports")
class SourcesController {

    private final SourceRegistry registry;

    SourcesController(SourceRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(path = "/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every configured source: health and what it supports",
            description = "In configuration order, disabled ones too; never calls a provider.")
    @ApiResponse(responseCode = "200", description = "the sources")
    SourceListBody sources() {
        return new SourceListBody(registry.all().stream().map(SourceBody::from).toList());
    }
}
