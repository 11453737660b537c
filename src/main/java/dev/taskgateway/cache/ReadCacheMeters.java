package dev.taskgateway.cache;

import dev.taskgateway.core.ReadCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code taskgateway.cache.requests{source,result}}: reads answered from held reads ({@code hit}), that
 * asked the provider ({@code miss}), or that stood in for a failed call ({@code stale}). Every
 * source's three counters exist from start-up, at zero, so dashboards and alerts see them.
 */
final class ReadCacheMeters implements ReadCache.Listener {

    private static final List<String> OUTCOMES = List.of("hit", "miss", "stale");

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ReadCacheMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Registers {@code source}'s counters at zero. */
    void register(String source) {
        OUTCOMES.forEach(outcome -> counter(source, outcome));
    }

    @Override
    public void lookup(String source, String outcome) {
        counter(source, outcome).increment();
    }

    private Counter counter(String source, String outcome) {
        return counters.computeIfAbsent(source + "|" + outcome, k -> Counter.builder("taskgateway.cache.requests")
                .description("Reads answered from held reads (hit), that asked the provider (miss), or that"
                        + " stood in for a failed call (stale)")
                .tag("source", source).tag("result", outcome)
                .register(meters));
    }
}
