package dev.taskgateway.changes;

import dev.taskgateway.api.TaskQueryParser;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.TaskChanges;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.system.SourcesProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The change detector, its ticking, and the SSE streams reading it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChangesProperties.class)
class ChangesConfiguration {

    @Bean
    TaskChanges taskChanges(TaskQueryEngine engine, ReadCache reads, Clock clock,
                            @Qualifier("fanOutExecutor") ExecutorService fanOut, SourcesProperties sources,
                            ChangesProperties properties) {
        ChangesProperties.Changes changes = properties.getChanges();
        positive("taskgateway.changes.retention", changes.getRetention());
        positive("taskgateway.changes.max-streams", changes.getMaxStreams());
        positive("taskgateway.changes.tick", changes.getTick());
        positive("taskgateway.changes.heartbeat", changes.getHeartbeat());
        if (changes.getLinger() == null || changes.getLinger().isNegative()) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.changes.linger", changes.getLinger(),
                    "must be zero or more");
        }
        return new TaskChanges(engine, reads, clock, fanOut, sources.getDeadline(), changes.getRetention(),
                changes.getLinger());
    }

    /** One thread looks at the watched sources every tick; their reads run on the fan-out executor. */
    @Bean(destroyMethod = "close")
    ChangeTicker changeTicker(TaskChanges changes, ChangesProperties properties) {
        return new ChangeTicker(changes, properties.getChanges().getTick());
    }

    @Bean
    ChangeStreams changeStreams(TaskChanges changes, ChangesProperties properties) {
        return new ChangeStreams(changes, properties.getChanges().getHeartbeat(),
                properties.getChanges().getMaxStreams());
    }

    /**
     * {@code taskgateway.changes.streams} (open SSE streams), {@code taskgateway.changes.watched}
     * (sources with a detector) and {@code taskgateway.changes.detected} (changes seen since start-up).
     */
    @Bean
    MeterBinder changeMeters(TaskChanges changes, ChangeStreams streams) {
        return meters -> {
            Gauge.builder("taskgateway.changes.streams", streams, ChangeStreams::open)
                    .description("Change streams (GET /tasks/changes) open now").register(meters);
            Gauge.builder("taskgateway.changes.watched", changes, TaskChanges::watched)
                    .description("Sources whose reads are diffed for changes now").register(meters);
            FunctionCounter.builder("taskgateway.changes.detected", changes,
                    TaskChanges::detected).description("Task changes detected since start-up").register(meters);
        };
    }

    /** Checked here, at start-up: a bad URL, secret or filter stops the gateway naming its key. */
    @Bean
    Webhooks webhooks(ChangesProperties properties, TaskQueryParser parser, TaskChanges changes,
                      JsonMapper json, Clock clock, MeterRegistry meters) {
        return new Webhooks(properties.getWebhooks(), parser, changes, json, clock, meters);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new InvalidConfigurationPropertyValueException(key, value, "must be at least 1");
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationPropertyValueException(key, value, "must be more than zero");
        }
    }
}
