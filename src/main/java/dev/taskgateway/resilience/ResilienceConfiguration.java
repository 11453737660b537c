package dev.taskgateway.resilience;

import dev.taskgateway.cache.PageCache;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.providers.SourceDecorator;
import dev.taskgateway.providers.SourcesProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wraps every configured source in the resilience and cache stack ({@link ResilientSources}),
 * using the resilience4j registries that resilience4j-spring-boot4 builds from
 * {@code resilience4j.*} (and binds to Micrometer), and adds the {@code sources} health component.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    SourceMonitor sourceMonitor(CircuitBreakerRegistry breakers, PageCache pageCache) {
        return new SourceMonitor(breakers, pageCache);
    }

    @Bean
    SourceDecorator resilientSources(CircuitBreakerRegistry breakers, RetryRegistry retries,
                                     RateLimiterRegistry limiters, BulkheadRegistry bulkheads,
                                     TimeLimiterRegistry timeLimiters, PageCache pageCache, SourceMonitor monitor,
                                     SourcesProperties properties, Clock clock, MeterRegistry meters,
                                     @Qualifier("fanOutExecutor") ExecutorService executor) {
        return new ResilientSources(
                new ResilientSources.Registries(breakers, retries, limiters, bulkheads, timeLimiters),
                pageCache, monitor, properties, clock, meters, executor, RetryingTaskSource.Sleeper.THREAD);
    }

    /** Bean name gives the component name: {@code sources}. */
    @Bean
    SourcesHealthIndicator sourcesHealthIndicator(SourceRegistry registry, SourceMonitor monitor) {
        return new SourcesHealthIndicator(registry, monitor);
    }
}
