package dev.taskgateway.resilience;

import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.state.SharedStateStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code sources} health component: each source's state, breaker, last success, last failure
 * and last error code. Always {@code UP}: a provider outage is the gateway doing its job (answering
 * with what it has), not the gateway being unhealthy, so it must not turn {@code /actuator/health}
 * red or pull instances out of a load balancer. Liveness and readiness groups leave it out too.
 *
 * <p>Per-source {@code state}: {@code DISABLED}; {@code UNKNOWN} before the first call;
 * {@code CIRCUIT_OPEN} while its breaker is open; {@code FAILING} when its last outcome was a
 * failure (stale answers included); else {@code OK}.
 */
public final class SourcesHealthIndicator implements HealthIndicator {

    private final SourceRegistry registry;
    private final SourceMonitor monitor;
    private final SharedStateStatus sharedState;

    public SourcesHealthIndicator(SourceRegistry registry, SourceMonitor monitor) {
        this(registry, monitor, null);
    }

    /**
     * Also shows {@code sharedState}: whether the store replicas share answers. Still {@code UP}
     * when it does not: reads go on from local state, and readiness never looks at it.
     */
    public SourcesHealthIndicator(SourceRegistry registry, SourceMonitor monitor, SharedStateStatus sharedState) {
        this.registry = registry;
        this.monitor = monitor;
        this.sharedState = sharedState;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (SourceRegistry.Entry entry : registry.all()) {
            SourceHealth.Snapshot last = entry.health().snapshot();
            String circuit = monitor.circuit(entry.info().id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", entry.info().provider());
            details.put("state", state(entry.enabled(), circuit, last));
            details.put("circuit", circuit);
            details.put("lastSuccess", last.lastSuccess());
            details.put("lastFailure", last.lastFailure());
            details.put("lastErrorCode", last.lastErrorCode());
            details.values().removeIf(Objects::isNull);
            health.withDetail(entry.info().id(), details);
        }
        if (sharedState != null) {
            SharedStateStatus.Snapshot shared = sharedState.snapshot();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("store", shared.store());
            details.put("available", shared.available());
            details.put("since", shared.since());
            details.put("lastError", shared.lastError());
            details.values().removeIf(Objects::isNull);
            health.withDetail("sharedState", details);
        }
        return health.build();
    }

    static String state(boolean enabled, String circuit, SourceHealth.Snapshot last) {
        if (!enabled) {
            return "DISABLED";
        }
        if ("OPEN".equals(circuit) || "FORCED_OPEN".equals(circuit)) {
            return "CIRCUIT_OPEN";
        }
        if (last.lastSuccess() == null && last.lastFailure() == null) {
            return "UNKNOWN";
        }
        boolean failedLast = last.lastFailure() != null
                && (last.lastSuccess() == null || last.lastFailure().isAfter(last.lastSuccess()));
        return failedLast ? "FAILING" : "OK";
    }
}
