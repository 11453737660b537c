package dev.taskgateway.api;

import dev.taskgateway.core.BoundedPool;
import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.TaskActions;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.TaskStatistics;
import dev.taskgateway.providers.ProviderFactory;
import dev.taskgateway.providers.SourcesProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/** Wires the query engine and the web pieces around it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionsProperties.class)
class ApiConfiguration {

    private static final String CURSOR_SECRET = "taskgateway.cursor-secret";

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Fan-out threads: virtual where the runtime has them (21+); on 17 a pool of at most
     * {@code taskgateway.fan-out-threads} platform threads that runs work on the submitter when
     * full ({@link BoundedPool}: bounded without deadlock).
     */
    /**
     * Probes and scrapes are not traced or timed: a load balancer's and Prometheus' polling would
     * otherwise be most of the spans and cost every probe a span's work (bench/RESULTS.md, issue 16).
     */
    @Bean
    io.micrometer.observation.ObservationPredicate noObservationOfProbesAndScrapes() {
        return (name, context) -> !(context instanceof org.springframework.http.server.observation
                .ServerRequestObservationContext request && isProbeOrScrape(request.getCarrier().getRequestURI()));
    }

    static boolean isProbeOrScrape(String path) {
        return path.startsWith("/actuator/health") || path.equals("/actuator/prometheus");
    }

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService fanOutExecutor(SourcesProperties properties) {
        ExecutorService delegate;
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            delegate = (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException e) {
            if (properties.getFanOutThreads() < 1) {
                throw new InvalidConfigurationPropertyValueException("taskgateway.fan-out-threads",
                        properties.getFanOutThreads(), "must be at least 1");
            }
            delegate = new BoundedPool(properties.getFanOutThreads(), "fan-out");
        }
        return new ContextCarryingExecutor(delegate);
    }

    /**
     * Signs with {@code taskgateway.cursor-secret} and also accepts cursors signed with
     * {@code taskgateway.cursor-secret-previous}, so a secret can be rotated without breaking the
     * cursors clients hold. Outside the demo the secret is required: a random one per process
     * would break every cursor at each restart and on every other replica.
     */
    @Bean
    CursorCodec cursorCodec(SourcesProperties properties, Environment environment) {
        String secret = trimmed(properties.getCursorSecret());
        String previous = trimmed(properties.getCursorSecretPrevious());
        if (secret == null) {
            if (!environment.acceptsProfiles(Profiles.of("demo"))) {
                throw new InvalidConfigurationPropertyValueException(CURSOR_SECRET, null, "is required outside the "
                        + "demo profile: 16+ characters shared by every replica (e.g. openssl rand -hex 32), so "
                        + "cursors survive restarts and work on every replica");
            }
            LoggerFactory.getLogger(ApiConfiguration.class).warn("{} is not set: the demo signs cursors with a "
                    + "random secret, so they break at every restart and on any other replica", CURSOR_SECRET);
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new CursorCodec(random, null);
        }
        checkLength(CURSOR_SECRET, secret);
        if (previous != null) {
            checkLength(CURSOR_SECRET + "-previous", previous);
        }
        return new CursorCodec(secret.getBytes(StandardCharsets.UTF_8),
                previous == null ? null : previous.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkLength(String property, String secret) {
        if (secret.length() < 16) {
            throw new InvalidConfigurationPropertyValueException(property, "(hidden)", "must be at least 16 characters");
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Bean
    TaskQueryEngine taskQueryEngine(SourceRegistry registry, ExecutorService fanOutExecutor, CursorCodec cursorCodec,
                                    Clock clock, SourcesProperties properties, ReadCache reads) {
        return new TaskQueryEngine(registry, fanOutExecutor, cursorCodec, clock, properties.getDeadline(), reads);
    }

    @Bean
    RenderedLists renderedLists(Clock clock) {
        return new RenderedLists(clock);
    }

    @Bean
    TaskStatistics taskStatistics(TaskQueryEngine engine, ExecutorService fanOutExecutor, Clock clock,
                                  SourcesProperties properties) {
        return new TaskStatistics(engine, fanOutExecutor, clock, properties.getDeadline());
    }

    @Bean
    TaskActions taskActions(SourceRegistry registry, TaskQueryEngine engine) {
        return new TaskActions(registry, engine);
    }

    @Bean
    IdempotencyStore idempotencyStore(ActionsProperties properties,
                                      org.springframework.beans.factory.ObjectProvider<SharedState> shared) {
        if (properties.getIdempotencyKeysPerCaller() < 1) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.actions.idempotency-keys-per-caller",
                    properties.getIdempotencyKeysPerCaller(), "must be at least 1");
        }
        return new IdempotencyStore(java.time.Duration.ofHours(24), properties.getIdempotencyKeysPerCaller(),
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
    TaskQueryParser taskQueryParser(SourceRegistry registry, List<ProviderFactory> factories, CursorCodec cursorCodec) {
        return new TaskQueryParser(registry,
                factories.stream().map(ProviderFactory::type).collect(Collectors.toSet()), cursorCodec);
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

    /**
     * Runs tasks with the submitting thread's log context (request id), so upstream calls carry it,
     * its {@link CallContext} (deadline, no-cache), so source decorators see the client's terms, and
     * its trace context ({@link TraceContextCarrier}), so spans on the worker join the request's trace.
     */
    static final class ContextCarryingExecutor extends AbstractExecutorService {
        private final ExecutorService delegate;

        ContextCarryingExecutor(ExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override
        public void execute(Runnable command) {
            Map<String, String> context = MDC.getCopyOfContextMap();
            CallContext call = CallContext.current();
            Runnable traced = TraceContextCarrier.wrap(command);
            delegate.execute(() -> {
                Map<String, String> previous = MDC.getCopyOfContextMap();
                if (context == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(context);
                }
                try (CallContext.Scope scope = CallContext.open(call)) {
                    traced.run();
                } finally {
                    if (previous == null) {
                        MDC.clear();
                    } else {
                        MDC.setContextMap(previous);
                    }
                }
            });
        }

        @Override public void shutdown() { delegate.shutdown(); }
        @Override public List<Runnable> shutdownNow() { return delegate.shutdownNow(); }
        @Override public boolean isShutdown() { return delegate.isShutdown(); }
        @Override public boolean isTerminated() { return delegate.isTerminated(); }
        @Override public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }
}
