package dev.taskgateway.demo;

import java.util.Comparator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;

/**
 * The {@code simulator} profile: only the provider simulators of this package, for a second
 * gateway process, docker-compose and benchmarks. {@code TaskGatewayApplication} skips itself
 * under this profile, so no gateway API, source or API key check starts; application-simulator.yml
 * turns the web server off (the simulators are their own HTTP servers) and keeps the JVM alive.
 */
@Configuration(proxyBeanMethods = false)
@Profile("simulator")
@ComponentScan(basePackageClasses = SimulatorApplication.class,
        excludeFilters = @Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
public class SimulatorApplication {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorApplication.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String servers = event.getApplicationContext().getBeansOfType(SimulatorServer.class).values().stream()
                .sorted(Comparator.comparing(SimulatorServer::port))
                .map(s -> String.format("  %-13s %s   (faults: GET/PUT %s/__sim/faults)", s.name(), s.baseUrl(),
                        s.baseUrl()))
                .collect(Collectors.joining("\n"));
        LOG.info("\n\nSimulators only (profile simulator; no gateway in this process):\n{}\n", servers);
    }
}
