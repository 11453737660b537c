package dev.taskgateway.api;

import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.security.ReadAccess;
import dev.taskgateway.security.SecurityProperties;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.system.ProviderTypes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** Wires the web pieces around the engine: query parsing, rendered lists, actions' limits, ETags. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionsProperties.class)
class ApiConfiguration {

    /**
     * Probes and scrapes are not traced or timed: a load balancer's and Prometheus' polling would
     * otherwise be most of the spans and cost every probe a span's work (bench/RESULTS.md, issue 16).
     */
    @Bean
    ObservationPredicate noObservationOfProbesAndScrapes() {
        return (name, context) -> !(context instanceof org.springframework.http.server.observation
                .ServerRequestObservationContext request && isProbeOrScrape(request.getCarrier().getRequestURI()));
    }

    static boolean isProbeOrScrape(String path) {
        return path.startsWith("/actuator/health") || path.equals("/actuator/prometheus");
    }

    @Bean
    RenderedLists renderedLists(Clock clock) {
        return new RenderedLists(clock);
    }

    /** A repeated list answered before the chain while its rendered answer is valid (issue 16). */
    @Bean
    CachedListShortcut cachedListShortcut(TaskQueryParser parser, TaskQueryEngine engine, RenderedLists rendered,
                                          ReadAccess access, MeterRegistry meters, SecurityProperties security) {
        return new CachedListShortcut(parser, engine, rendered, access, meters,
                security.getLimits().getMaxQueryLength());
    }

    @Bean
    IdempotencyStore idempotencyStore(ActionsProperties properties, ObjectProvider<SharedState> shared) {
        if (properties.getIdempotencyKeysPerCaller() < 1) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.actions.idempotency-keys-per-caller",
                    properties.getIdempotencyKeysPerCaller(), "must be at least 1");
        }
        return new IdempotencyStore(Duration.ofHours(24), properties.getIdempotencyKeysPerCaller(),
                shared.getIfAvailable());
    }

    @Bean
    ActionDeadline actionDeadline(ExecutorService fanOutExecutor, ActionsProperties properties) {
        Duration deadline = properties.getDeadline();
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.actions.deadline", deadline,
                    "must be positive");
        }
        return new ActionDeadline(fanOutExecutor, deadline);
    }

    @Bean
    TaskQueryParser taskQueryParser(SourceRegistry registry, ProviderTypes providerTypes, CursorCodec cursorCodec) {
        return new TaskQueryParser(registry, providerTypes.names(), cursorCodec);
    }

    /**
     * ETag on every GET answer of the API; a matching If-None-Match gets 304. Answers say
     * {@code Cache-Control: private, no-cache} (keep, but revalidate each time) instead of Spring
     * Security's {@code no-store}, which would forbid the revalidation ETags exist for and makes
     * this filter skip the ETag; Security leaves a Cache-Control the application set alone and
     * still writes its other headers.
     */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
                            response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
                        }
                        if (request.getRequestURI().equals(request.getContextPath() + "/tasks")) {
                            // The list sets its own ETag and MVC answers its 304: buffering and
                            // copying the body here would change nothing but its cost.
                            chain.doFilter(request, response);
                            return;
                        }
                        super.doFilterInternal(request, response, chain);
                    }

                    /** A change stream is never done: its wrapper would hold every event back. */
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        return request.getRequestURI().endsWith("/tasks/changes");
                    }
                });
        registration.addUrlPatterns("/tasks", "/tasks/*", "/sources");
        return registration;
    }
}
