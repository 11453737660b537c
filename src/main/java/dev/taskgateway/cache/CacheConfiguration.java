package dev.taskgateway.cache;

import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.SourceRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared store of held reads, with its meters: {@code taskgateway.cache.requests{source,result}}
 * (hit, miss, stale) and {@code taskgateway.cache.tasks} (tasks held, against maximum-tasks).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

    /** Loads run on the fan-out executor, which carries the first caller's request id and deadline. */
    @Bean
    ReadCache readCache(CacheProperties properties, Clock clock, @Qualifier("fanOutExecutor") ExecutorService executor,
                        MeterRegistry meters, ReadCacheMeters lookups) {
        if (properties.getMaximumTasks() < 1) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.cache.maximum-tasks",
                    properties.getMaximumTasks(), "must be at least 1");
        }
        ReadCache cache = new ReadCache(properties.getMaximumTasks(), clock, executor, lookups);
        Gauge.builder("taskgateway.cache.tasks", cache, ReadCache::weight)
                .description("Tasks held by every source's reads together (bounded by taskgateway.cache.maximum-tasks)")
                .register(meters);
        return cache;
    }

    @Bean
    ReadCacheMeters readCacheMeters(MeterRegistry meters) {
        return new ReadCacheMeters(meters);
    }

    /** Every configured source's lookup counters, at zero from start-up. */
    @Bean
    MeterBinder readCacheSourceMeters(ReadCacheMeters lookups, ObjectProvider<SourceRegistry> registry) {
        return meters -> registry.ifAvailable(sources -> sources.all()
                .forEach(entry -> lookups.register(entry.info().id())));
    }
}
