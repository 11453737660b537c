package dev.taskgateway.demo;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Starts the NXLink simulator with two accounts on one port, the {@code nxlink-hk} and
 * {@code nxlink-us} sources of application-demo.yml, each holding half of the demo's NXLink tasks.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo | simulator")
@EnableConfigurationProperties(DemoProperties.class)
class NxlinkDemoConfiguration {

    /** DEMO-ONLY credentials: the simulator knows them, no real NXLink account does. */
    static final String HK_ACCESS_KEY = "AK-DEMO-HK-0001";
    static final String HK_ACCESS_SECRET = "demo-only-hk-secret";
    static final String US_ACCESS_KEY = "AK-DEMO-US-0002";
    static final String US_ACCESS_SECRET = "demo-only-us-secret";

    @Bean(destroyMethod = "close")
    SimulatorServer nxlinkSimulator(DemoProperties demo) {
        Instant now = Instant.now();
        int hk = (demo.getTasksPerProvider() + 1) / 2;
        // The real clock: the adapter signs with it, and the simulator checks the ±60 s window against it.
        NxlinkSimulator simulator = new NxlinkSimulator(Clock.systemUTC())
                .account(HK_ACCESS_KEY, HK_ACCESS_SECRET, hk, demo.getSeed(), now)
                .account(US_ACCESS_KEY, US_ACCESS_SECRET, demo.getTasksPerProvider() - hk, demo.getSeed() + 1, now);
        return SimulatorServer.start("nxlink", demo.getBindAddress(), demo.getPorts().getNxlink(),
                Faults.latency(demo.getLatency()), simulator);
    }
}
