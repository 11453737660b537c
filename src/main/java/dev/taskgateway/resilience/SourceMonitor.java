package dev.taskgateway.resilience;

import dev.taskgateway.cache.PageCache;
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
     * @param cacheEntries pages of it in the cache
     */
    public record Status(String circuit, Long p50Ms, Long p95Ms, long cacheEntries) {
    }

    private final CircuitBreakerRegistry breakers;
    private final PageCache cache;
    private final Map<String, LatencyWindow> latencies = new ConcurrentHashMap<>();

    public SourceMonitor(CircuitBreakerRegistry breakers, PageCache cache) {
        this.breakers = breakers;
        this.cache = cache;
    }

    /** The latency window of {@code sourceId}, made on first use. */
    LatencyWindow latencies(String sourceId) {
        return latencies.computeIfAbsent(sourceId, id -> new LatencyWindow());
    }

    /** The breaker state of {@code sourceId}, or null when it has none. */
    public String circuit(String sourceId) {
        return breakers.find(sourceId).map(CircuitBreaker::getState).map(Enum::name).orElse(null);
    }

    /** The status of {@code sourceId}; counts its cached pages, so it costs a scan of the cache's keys. */
    public Status status(String sourceId) {
        LatencyWindow window = latencies.get(sourceId);
        return new Status(circuit(sourceId),
                window == null ? null : window.percentile(0.5), window == null ? null : window.percentile(0.95),
                cache.entries(sourceId));
    }
}
