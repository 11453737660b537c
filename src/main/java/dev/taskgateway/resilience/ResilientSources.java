package dev.taskgateway.resilience;

import dev.taskgateway.cache.InvalidatingTaskSource;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.system.SourceDecorator;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.system.SourcesProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.Registry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Wraps every source in the same stack, written down once, outermost first:
 * <pre>
 * Invalidate( Retry( CircuitBreaker( Budget( Bulkhead( Metered( TimeLimit( source )))))))
 * </pre>
 * <ul>
 *   <li><b>Invalidate</b> outermost: an action drops the source's held reads. Reads themselves are
 *       held above this stack, by the engine's read model ({@link ReadCache}): a held read costs no
 *       call and no budget, identical concurrent reads coalesce into one call before they spend
 *       budget or bulkhead slots, and stale-if-error covers every failure below, including an open
 *       breaker, an exhausted budget and exhausted retries.</li>
 *   <li><b>Retry</b> outside the breaker: every attempt is recorded by the breaker, and once it
 *       opens the next attempt fails fast with {@code CIRCUIT_OPEN}, which is not retried.</li>
 *   <li><b>CircuitBreaker</b> outside the limiter and bulkhead: an open breaker spends no permits;
 *       their rejections are marked local and do not count as provider failures.</li>
 *   <li><b>Metered</b> directly around the time limit: it times only calls that reach the provider.</li>
 *   <li><b>TimeLimit</b> innermost: it bounds one attempt, not the whole retry sequence (the
 *       request deadline does that).</li>
 * </ul>
 * Each piece comes from resilience4j's registry under the source's id: an
 * {@code instances.<id>} entry if the YAML has one, else a new instance from
 * {@code configs.<provider type>} if that exists (e.g. {@code configs.new-api}), else from
 * {@code configs.default}. The time limit defaults to the source's {@code timeout}.
 */
public final class ResilientSources implements SourceDecorator {

    /** resilience4j's registries, one per pattern. */
    public record Registries(CircuitBreakerRegistry breakers, RetryRegistry retries,
                             BulkheadRegistry bulkheads, TimeLimiterRegistry timeLimiters) {
    }

    private final Registries registries;
    private final ReadCache reads;
    private final ProviderBudgets budgets;
    private final SourceMonitor monitor;
    private final SourcesProperties properties;
    private final MeterRegistry meters;
    private final ExecutorService executor;
    private final RetryingTaskSource.Sleeper sleeper;
    private final Tracer tracer;

    public ResilientSources(Registries registries, ReadCache reads, ProviderBudgets budgets, SourceMonitor monitor,
                            SourcesProperties properties, MeterRegistry meters, ExecutorService executor,
                            RetryingTaskSource.Sleeper sleeper) {
        this(registries, reads, budgets, monitor, properties, meters, executor, sleeper, Tracer.NOOP);
    }

    /** As above, with a span per upstream call from {@code tracer}. */
    public ResilientSources(Registries registries, ReadCache reads, ProviderBudgets budgets, SourceMonitor monitor,
                            SourcesProperties properties, MeterRegistry meters, ExecutorService executor,
                            RetryingTaskSource.Sleeper sleeper, Tracer tracer) {
        this.registries = registries;
        this.reads = reads;
        this.budgets = budgets;
        this.monitor = monitor;
        this.properties = properties;
        this.meters = meters;
        this.executor = executor;
        this.sleeper = sleeper;
        this.tracer = tracer;
    }

    @Override
    public TaskSource decorate(TaskSource source, SourceSettings settings) {
        String id = settings.id();
        String provider = settings.type();
        TaskSource s = new TimeLimitedTaskSource(source, timeLimiter(settings), executor);
        s = new MeteredTaskSource(s, meters, monitor.latencies(id), tracer);
        s = new BulkheadTaskSource(s, instance(registries.bulkheads(), id, provider, registries.bulkheads()::bulkhead));
        s = new BudgetedTaskSource(s, budgets.budgetOf(settings, budgetSettings(settings)));
        s = new CircuitBreakingTaskSource(s, instance(registries.breakers(), id, provider,
                registries.breakers()::circuitBreaker));
        s = new RetryingTaskSource(s, retryConfig(id, provider), sleeper, meters);
        return new InvalidatingTaskSource(s, reads);
    }

    /** The YAML instance if any, else one limited to the source's own {@code timeout}. */
    private TimeLimiter timeLimiter(SourceSettings settings) {
        TimeLimiterRegistry registry = registries.timeLimiters();
        return registry.find(settings.id()).orElseGet(() -> registry.timeLimiter(settings.id(),
                TimeLimiterConfig.from(config(registry, settings.type())).timeoutDuration(settings.timeout()).build()));
    }

    private SourcesProperties.Budget budgetSettings(SourceSettings settings) {
        SourcesProperties.SourceProperties configured = properties.getSources().get(settings.id());
        return configured == null || configured.getBudget() == null ? new SourcesProperties.Budget()
                : configured.getBudget();
    }

    /** The YAML instance named {@code id}, else a new one from the provider's or the default config. */
    private static <E, C> E instance(Registry<E, C> registry, String id, String provider, BiFunction<String, C, E> create) {
        return registry.find(id).orElseGet(() -> create.apply(id, config(registry, provider)));
    }

    private static <E, C> C config(Registry<E, C> registry, String provider) {
        return registry.getConfiguration(provider).orElse(registry.getDefaultConfig());
    }

    /** Retries are ours (see {@link RetryingTaskSource}); only their configuration comes from the registry. */
    private RetryConfig retryConfig(String id, String provider) {
        return registries.retries().find(id).map(Retry::getRetryConfig)
                .orElseGet(() -> config(registries.retries(), provider));
    }
}
