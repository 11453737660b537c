package dev.taskgateway.system;

import dev.taskgateway.core.BoundedPool;
import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.TaskActions;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.TaskStatistics;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** The engine-wide beans: the clock, the fan-out executor, the cursor codec and the engine's services. */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

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
            LoggerFactory.getLogger(SystemConfiguration.class).warn("{} is not set: the demo signs cursors with a "
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
    TaskStatistics taskStatistics(TaskQueryEngine engine, ExecutorService fanOutExecutor, Clock clock,
                                  SourcesProperties properties) {
        return new TaskStatistics(engine, fanOutExecutor, clock, properties.getDeadline());
    }

    @Bean
    TaskActions taskActions(SourceRegistry registry, TaskQueryEngine engine) {
        return new TaskActions(registry, engine);
    }
}
