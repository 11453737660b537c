package dev.taskgateway.state;

import java.util.Locale;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Leaves Spring Data Redis' auto-configuration out unless {@code taskgateway.state.store=redis}:
 * with the default in-memory store nothing talks to Redis, yet its auto-configuration alone loads
 * Lettuce, Reactor and Netty (about 1,400 classes of metaspace and symbols in every replica;
 * issue 16, bench/RESULTS.md). Decided when the auto-configurations are imported, so a store set
 * anywhere (file, environment, a test's dynamic property) counts.
 */
public final class RedisOnlyWhenAsked implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        boolean redis = "redis".equals(environment.getProperty("taskgateway.state.store", "memory")
                .trim().toLowerCase(Locale.ROOT));
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            matches[i] = redis || candidates[i] == null || !candidates[i].startsWith(REDIS_AUTO_CONFIGURATION);
        }
        return matches;
    }
}
