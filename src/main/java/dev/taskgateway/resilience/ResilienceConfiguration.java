package dev.taskgateway.resilience;

import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.system.SourceDecorator;
import dev.taskgateway.system.SourcesProperties;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.state.SharedStateStatus;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
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
    SourceMonitor sourceMonitor(CircuitBreakerRegistry breakers, ReadCache reads, ProviderBudgets budgets) {
        return new SourceMonitor(breakers, reads, budgets);
    }

    @Bean
    ProviderBudgets providerBudgets(MeterRegistry meters, ObjectProvider<SharedState> shared) {
        return new ProviderBudgets(meters, shared.getIfAvailable());
    }

    @Bean
    SourceDecorator resilientSources(CircuitBreakerRegistry breakers, RetryRegistry retries,
                                     BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters, ReadCache reads,
                                     ProviderBudgets budgets, SourceMonitor monitor, SourcesProperties properties,
                                     MeterRegistry meters, @Qualifier("fanOutExecutor") ExecutorService executor,
                                     ObjectProvider<Tracer> tracer) {
        return new ResilientSources(new ResilientSources.Registries(breakers, retries, bulkheads, timeLimiters),
                reads, budgets, monitor, properties, meters, executor, RetryingTaskSource.Sleeper.THREAD,
                tracer.getIfAvailable(() -> Tracer.NOOP));
    }

    /** Bean name gives the component name: {@code sources}. */
    @Bean
    SourcesHealthIndicator sourcesHealthIndicator(SourceRegistry registry, SourceMonitor monitor,
                                                  ObjectProvider<SharedStateStatus> sharedState) {
        return new SourcesHealthIndicator(registry, monitor, sharedState.getIfAvailable());
    }
}
