package dev.taskgateway.cache;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared page cache and its Caffeine metrics ({@code cache_*{cache="upstream-pages"}}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

    /** Loads run on the fan-out executor, which carries the first caller's request id and deadline. */
    @Bean
    PageCache pageCache(CacheProperties properties, Clock clock, @Qualifier("fanOutExecutor") ExecutorService executor) {
        if (properties.getMaximumTasks() < 1) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.cache.maximum-tasks",
                    properties.getMaximumTasks(), "must be at least 1");
        }
        return new PageCache(properties.getMaximumTasks(), clock, executor);
    }

    @Bean
    MeterBinder pageCacheMetrics(PageCache pageCache) {
        return registry -> CaffeineCacheMetrics.monitor(registry, pageCache.caffeine(), "upstream-pages");
    }
}
