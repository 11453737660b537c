package dev.taskgateway.demo;

import java.time.LocalDateTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts the TikMatrix simulator in the {@code demo} profile (the default) and the
 * {@code simulator} profile; each provider's simulator has its own {@code *DemoConfiguration}.
 * The data set ends "now", so the demo looks alive.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo | simulator")
@EnableConfigurationProperties(DemoProperties.class)
class TikmatrixDemoConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorServer tikmatrixSimulator(DemoProperties demo) {
        ZoneId zone = ZoneId.systemDefault();
        TikmatrixSimulator simulator = new TikmatrixSimulator(demo.getTasksPerProvider(), demo.getSeed(), zone,
                LocalDateTime.now(zone));
        return SimulatorServer.start("tikmatrix", demo.getBindAddress(), demo.getPorts().getTikmatrix(),
                Faults.latency(demo.getLatency()), simulator);
    }
}
