package dev.taskgateway.demo;

import java.time.LocalDateTime;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Starts the Longlonglong simulator in the {@code demo} and {@code simulator} profiles. */
@Configuration(proxyBeanMethods = false)
@Profile("demo | simulator")
@EnableConfigurationProperties(DemoProperties.class)
class LonglonglongDemoConfiguration {

    @Bean(destroyMethod = "close")
    SimulatorServer longlonglongSimulator(DemoProperties demo) {
        LonglonglongSimulator simulator = new LonglonglongSimulator(demo.getTasksPerProvider(), demo.getSeed(),
                LonglonglongSimulator.DEMO_TOKEN, LonglonglongSimulator.DEMO_USER_ID,
                LocalDateTime.now(LonglonglongSimulator.ZONE));
        return SimulatorServer.start("longlonglong", demo.getBindAddress(), demo.getPorts().getLonglonglong(),
                Faults.latency(demo.getLatency()), simulator);
    }
}
