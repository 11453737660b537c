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
 *
 * <p>Spring Data Commons is on the class path only because the Redis store needs it; its own
 * auto-configurations (web paging and sorting arguments, repository metrics) serve repositories
 * and {@code Pageable} parameters the gateway does not have, so they are always left out (another
 * ~180 classes).
 */
public final class RedisOnlyWhenAsked implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String REDIS_AUTO_CONFIGURATION = "org.springframework.boot.data.redis.autoconfigure.";
    private static final String DATA_COMMONS_AUTO_CONFIGURATION = "org.springframework.boot.data.autoconfigure.";

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
            String candidate = candidates[i];
            matches[i] = candidate == null || !candidate.startsWith(DATA_COMMONS_AUTO_CONFIGURATION)
                    && (redis || !candidate.startsWith(REDIS_AUTO_CONFIGURATION));
        }
        return matches;
    }
}
