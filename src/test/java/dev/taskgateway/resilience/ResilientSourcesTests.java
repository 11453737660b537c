package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.cache.InvalidatingTaskSource;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.system.SourcesProperties;
import dev.taskgateway.testing.FakeTaskSource;
import dev.taskgateway.testing.MutableClock;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Which resilience4j configuration each source gets: its instance, else its provider's, else the default. */
class ResilientSourcesTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
    private final SourcesProperties properties = new SourcesProperties();
    private final ReadCache reads = new ReadCache(100, clock, executor, ReadCache.Listener.NONE);
    private final ProviderBudgets budgets = new ProviderBudgets(new SimpleMeterRegistry());
    private final ResilientSources decorator = new ResilientSources(new ResilientSources.Registries(breakers,
            RetryRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(), timeLimiters), reads, budgets,
            new SourceMonitor(breakers, reads, budgets), properties, new SimpleMeterRegistry(), executor,
            new RecordingSleeper());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void newApiSourcesOnOneHostShareThePublishedBudget() {
        decorate("newapi-a", "new-api");
        decorate("newapi-b", "new-api");
        decorate("pc1", "tikmatrix");

        assertThat(budgets.status("newapi-a")).isEqualTo(budgets.status("newapi-b"));
        assertThat(budgets.status("newapi-a").limit()).isEqualTo(180);
        assertThat(budgets.status("newapi-a").periodSeconds()).isEqualTo(180);
        assertThat(budgets.status("newapi-a").scope()).isEqualTo("new-api@127.0.0.1:1");
        assertThat(budgets.status("pc1").scope()).isEqualTo("source:pc1");
    }

    @Test
    void configuredBudgetWinsOverTheProvidersDefault() {
        SourcesProperties.SourceProperties source = new SourcesProperties.SourceProperties();
        source.getBudget().setLimit(30);
        source.getBudget().setPeriod(Duration.ofMinutes(1));
        source.getBudget().setScope("shared-egress");
        properties.getSources().put("newapi", source);

        decorate("newapi", "new-api");

        assertThat(budgets.status("newapi")).isEqualTo(new ProviderBudgets.Status(30, 60, 30, "shared-egress"));
    }

    @Test
    void sourcesSharingABudgetMustAgreeOnItNamingTheKey() {
        decorate("newapi-a", "new-api");
        SourcesProperties.SourceProperties other = new SourcesProperties.SourceProperties();
        other.getBudget().setLimit(500);
        properties.getSources().put("newapi-b", other);

        assertThatThrownBy(() -> decorate("newapi-b", "new-api"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("taskgateway.sources.newapi-b.budget");
    }

    @Test
    void instanceConfiguredForTheSourceWinsOverItsProvidersConfig() {
        breakers.circuitBreaker("newapi", CircuitBreakerConfig.custom().slidingWindowSize(4).build());

        decorate("newapi", "new-api");

        assertThat(breakers.circuitBreaker("newapi").getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(4);
    }

    @Test
    void timeLimitIsTheSourcesTimeoutUnlessAnInstanceSetsOne() {
        timeLimiters.timeLimiter("pc2", TimeLimiterConfig.custom().timeoutDuration(Duration.ofMillis(700)).build());

        decorate("pc1", "tikmatrix");
        decorate("pc2", "tikmatrix");

        assertThat(timeLimiters.timeLimiter("pc1").getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(timeLimiters.timeLimiter("pc2").getTimeLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void invalidationIsTheOutermostLayer() {
        assertThat(decorate("pc1", "tikmatrix")).isInstanceOf(InvalidatingTaskSource.class);
    }

    private TaskSource decorate(String id, String provider) {
        properties.getSources().putIfAbsent(id, new SourcesProperties.SourceProperties());
        return decorator.decorate(FakeTaskSource.of(id, provider), settings(id, provider));
    }

    private static SourceSettings settings(String id, String provider) {
        return new SourceSettings(id, provider, URI.create("http://127.0.0.1:1"), true, Duration.ofSeconds(3), null, 100);
    }
}
