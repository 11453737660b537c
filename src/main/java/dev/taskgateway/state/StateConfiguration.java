package dev.taskgateway.state;

import dev.taskgateway.core.ReadCache;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@code taskgateway.state.store}: {@link SharedStateStatus} always; with {@code redis} also the
 * {@link SharedState} the other packages pick up, and the hook that passes each invalidation of
 * held reads on to the other replicas.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StateProperties.class)
class StateConfiguration {

    @Bean
    SharedStateStatus sharedStateStatus(StateProperties properties, Clock clock) {
        Duration retryAfter = properties.getRetryAfter();
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.state.retry-after", retryAfter,
                    "must be zero or positive");
        }
        return new SharedStateStatus(properties.getStore(), clock, retryAfter);
    }

    /** Only with {@code taskgateway.state.store=redis}; {@code spring.data.redis.*} is the connection. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "taskgateway.state.store", havingValue = "redis")
    static class Redis {

        private static final Logger LOG = LoggerFactory.getLogger(Redis.class);
        /** Set while this replica applies another's invalidation, so it is not passed on again. */
        private static final ThreadLocal<Boolean> APPLYING = ThreadLocal.withInitial(() -> false);

        /**
         * While disconnected, commands fail at once instead of queueing until the timeout, and
         * reconnects are tried at least every 2 s, so recovery follows Redis' return closely.
         */
        @Bean
        LettuceClientOptionsBuilderCustomizer sharedStateClientOptions() {
            return options -> options.autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }

        @Bean
        ClientResourcesBuilderCustomizer sharedStateReconnectDelay() {
            return resources -> resources.reconnectDelay(
                    Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS));
        }

        /** {@code container}: Spring Boot's, which resubscribes after Redis comes back. */
        @Bean
        SharedState sharedState(StringRedisTemplate redis, RedisMessageListenerContainer container,
                                StateProperties properties, SharedStateStatus status, ReadCache reads) {
            RedisSharedState shared = new RedisSharedState(redis, container, properties.getKeyPrefix(), status);
            reads.onInvalidate(source -> {
                if (APPLYING.get()) {
                    return;
                }
                try {
                    shared.publishInvalidation(source);
                } catch (SharedStateUnavailableException e) {
                    // The other replicas keep their reads until their fresh TTL: said in operations.md.
                    LOG.warn("could not tell the other replicas to drop the held reads of '{}'", source);
                }
            });
            // A read one replica made serves the others while fresh; one replica reads a list at a time.
            reads.share(new RedisSharedReads(shared));
            shared.onInvalidation(source -> {
                APPLYING.set(true);
                try {
                    reads.invalidate(source);
                } finally {
                    APPLYING.set(false);
                }
            });
            return shared;
        }

        /** Subscribes to the other replicas' invalidations once the container runs (Redis may be down then). */
        @Bean
        ApplicationListener<ApplicationReadyEvent> sharedStateSubscription(SharedState shared) {
            return event -> ((RedisSharedState) shared).subscribe();
        }
    }
}
