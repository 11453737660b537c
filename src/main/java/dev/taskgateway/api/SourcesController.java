package dev.taskgateway.api;

import dev.taskgateway.core.SourceRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sources}: every configured source. */
@RestController
class SourcesController {

    private final SourceRegistry registry;

    SourcesController(SourceRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(path = "/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<SourceBody>> sources() {
        return Map.of("sources", registry.all().stream().map(SourceBody::from).toList());
    }
}
