package dev.taskgateway.testing;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway for the tests of the front filter's shortcuts (probes, the cached list): a TikMatrix
 * simulator, a reader key, a reader key allowed 4 requests an hour and a metrics-only key, and
 * {@link FrontDoor} to see which path each request took. Subclasses share the one context; the
 * simulator lives as long as the test JVM, as the cached context does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(FrontDoor.Counter.class)
public abstract class FrontDoorGatewayTestBase {

    protected static final String READER = "front-door-reader-key-1";
    protected static final String LIMITED = "front-door-limited-key-2";
    protected static final String SCRAPER = "front-door-metrics-key-3";
    private static final SimulatorServer PC = SimulatorServer.start("tm-front-door", 0, Faults.NONE,
            new TikmatrixSimulator(40, 1, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PC::close));
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.tm.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tm.base-url", PC::baseUrl);
        registry.add("taskgateway.security.api-keys[0].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[0].key", () -> READER);
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
        registry.add("taskgateway.security.api-keys[1].name", () -> "limited");
        registry.add("taskgateway.security.api-keys[1].key", () -> LIMITED);
        registry.add("taskgateway.security.api-keys[1].roles", () -> "read");
        registry.add("taskgateway.security.api-keys[1].rate-limit.limit-for-period", () -> "4");
        registry.add("taskgateway.security.api-keys[1].rate-limit.limit-refresh-period", () -> "1h");
        registry.add("taskgateway.security.api-keys[2].name", () -> "scraper");
        registry.add("taskgateway.security.api-keys[2].key", () -> SCRAPER);
        registry.add("taskgateway.security.api-keys[2].roles", () -> "metrics");
    }

    @LocalServerPort
    protected int port;

    protected FrontDoor front;

    @BeforeEach
    void frontDoor() {
        front = new FrontDoor(port);
    }
}
