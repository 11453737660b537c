package dev.taskgateway.resilience;

import dev.taskgateway.core.ReadCache;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How each source is doing right now, beyond its last outcome: breaker, latency, cache. */
public final class SourceMonitor {

    /**
     * @param circuit      breaker state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}...), or null when none
     * @param p50Ms        median duration of its last upstream calls, or null before the first
     * @param p95Ms        95th percentile of the same, or null
     * @param cacheEntries its held reads
     * @param cachedTasks  tasks its held reads hold
     * @param budget       the provider budget it spends, or null
     */
    public record Status(String circuit, Long p50Ms, Long p95Ms, long cacheEntries, long cachedTasks,
                         ProviderBudgets.Status budget) {
    }

    private final CircuitBreakerRegistry breakers;
    private final ReadCache reads;
    private final ProviderBudgets budgets;
    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();

    public SourceMonitor(CircuitBreakerRegistry breakers, ReadCache reads, ProviderBudgets budgets) {
        this.breakers = breakers;
        this.reads = reads;
        this.budgets = budgets;
    }

    /** The latency window of {@code sourceId}, made on first use. */
    LatencyWindow latencies(String sourceId) {
        return latencies.computeIfAbsent(sourceId, id -> new LatencyWindow());
    }

    /** The breaker state of {@code sourceId}, or null when it has none. */
    public String circuit(String sourceId) {
        return breakers.find(sourceId).map(CircuitBreaker::getState).map(Enum::name).orElse(null);
    }

    /** The status of {@code sourceId}, from counters kept as things happen (no walk of the cache). */
    public Status status(String sourceId) {
        LatencyWindow window = latencies.get(sourceId);
        return new Status(circuit(sourceId),
                window == null ? null : window.percentile(0.5), window == null ? null : window.percentile(0.95),
                reads.entries(sourceId), reads.tasks(sourceId), budgets.status(sourceId));
    }
}
