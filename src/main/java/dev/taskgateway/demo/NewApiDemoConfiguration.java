package dev.taskgateway.demo;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts the new-api simulator (current response shape, the real rate limit) in the {@code demo}
 * and {@code simulator} profiles. Its data set ends now.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo | simulator")
@EnableConfigurationProperties(DemoProperties.class)
class NewApiDemoConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorServer newApiSimulator(DemoProperties demo) {
        NewApiSimulator simulator = new NewApiSimulator(demo.getTasksPerProvider(), demo.getSeed(), Instant.now(),
                NewApiSimulator.Shape.CURRENT);
        // As the real one answers: 180 requests per 180 s per client IP, then 429 with an empty body.
        simulator.rateLimit(180, Duration.ofSeconds(180));
        return SimulatorServer.start("new-api", demo.getBindAddress(), demo.getPorts().getNewApi(),
                Faults.latency(demo.getLatency()), simulator);
    }
}
