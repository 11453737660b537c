package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.cache.CachingTaskSource;
import dev.taskgateway.cache.PageCache;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.providers.SourceSettings;
import dev.taskgateway.providers.SourcesProperties;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
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
    private final RateLimiterRegistry limiters = RateLimiterRegistry.of(Map.of(
            "default", RateLimiterConfig.custom().limitForPeriod(50).build(),
            "new-api", RateLimiterConfig.custom().limitForPeriod(25).limitRefreshPeriod(Duration.ofSeconds(30)).build()));
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.ofDefaults();
    private final SourcesProperties properties = new SourcesProperties();
    private final PageCache cache = new PageCache(100, clock, executor);
    private final ResilientSources decorator = new ResilientSources(new ResilientSources.Registries(breakers,
            RetryRegistry.ofDefaults(), limiters, BulkheadRegistry.ofDefaults(), timeLimiters), cache,
            new SourceMonitor(breakers, cache), properties, clock, new SimpleMeterRegistry(), executor,
            new RecordingSleeper());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void sourceOfAProviderWithItsOwnConfigUsesIt() {
        decorate("newapi", "new-api");
        decorate("pc1", "tikmatrix");

        assertThat(limiters.rateLimiter("newapi").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(25);
        assertThat(limiters.rateLimiter("pc1").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(50);
    }

    @Test
    void instanceConfiguredForTheSourceWinsOverItsProvidersConfig() {
        limiters.rateLimiter("newapi", RateLimiterConfig.custom().limitForPeriod(5).build());
        breakers.circuitBreaker("newapi", CircuitBreakerConfig.custom().slidingWindowSize(4).build());

        decorate("newapi", "new-api");

        assertThat(limiters.rateLimiter("newapi").getRateLimiterConfig().getLimitForPeriod()).isEqualTo(5);
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
    void cacheIsTheOutermostLayer() {
        assertThat(decorate("pc1", "tikmatrix")).isInstanceOf(CachingTaskSource.class);
    }

    @Test
    void staleTtlShorterThanFreshTtlStopsStartUpNamingTheKey() {
        SourcesProperties.SourceProperties source = new SourcesProperties.SourceProperties();
        source.getCache().setFreshTtl(Duration.ofMinutes(5));
        source.getCache().setStaleTtl(Duration.ofMinutes(1));
        properties.getSources().put("pc1", source);

        assertThatThrownBy(() -> decorator.decorate(FakeTaskSource.of("pc1", "tikmatrix"), settings("pc1", "tikmatrix")))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("taskgateway.sources.pc1.cache.stale-ttl");
    }

    private TaskSource decorate(String id, String provider) {
        properties.getSources().putIfAbsent(id, new SourcesProperties.SourceProperties());
        return decorator.decorate(FakeTaskSource.of(id, provider), settings(id, provider));
    }

    private static SourceSettings settings(String id, String provider) {
        return new SourceSettings(id, provider, URI.create("http://127.0.0.1:1"), true, Duration.ofSeconds(3), null, 100);
    }
}
