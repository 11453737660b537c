package dev.taskgateway.api;

import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.resilience.SourceMonitor;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /sources}: every configured source. */
@RestController
class SourcesController {

    private final SourceRegistry registry;
    private final ObjectProvider<SourceMonitor> monitor;

    SourcesController(SourceRegistry registry, ObjectProvider<SourceMonitor> monitor) {
        this.registry = registry;
        this.monitor = monitor;
    }

    @GetMapping(path = "/sources", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, List<SourceBody>> sources() {
        SourceMonitor status = monitor.getIfAvailable();
        return Map.of("sources", registry.all().stream()
                .map(entry -> SourceBody.from(entry, status == null ? null : status.status(entry.info().id())))
                .toList());
    }
}
