package dev.taskgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import dev.taskgateway.testing.FrontDoor;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The probes' short path ({@link Probes}) answers byte for byte what the full chain and the
 * actuator answer, and only plain probes take it. A filter registered right after the request
 * scope filter counts the requests that went on down the chain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(FrontDoor.Counter.class)
class ProbesTests {

    static final String KEY = "probe-reader-key-1234";
    static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";
    static final SimulatorServer PC = SimulatorServer.start("tm-probe", 0, Faults.NONE,
            new TikmatrixSimulator(5, 1, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.tm.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tm.base-url", PC::baseUrl);
        registry.add("taskgateway.security.api-keys[0].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[0].key", () -> KEY);
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
    }

    @AfterAll
    static void stop() {
        PC.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    FrontDoor front;

    @BeforeEach
    void front() {
        front = new FrontDoor(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"liveness", "readiness"})
    void aPlainProbeTakesTheShortPathAndAnswersWhatTheActuatorAnswers(String group) throws Exception {
        String path = "/actuator/health/" + group;
        FrontDoor.Answer shortPath = front.passesTheChain(false, () -> front.send("GET", path));
        // The same request asking for the actuator's media type by name goes down the whole chain.
        FrontDoor.Answer fullPath = front.passesTheChain(true, () -> front.send("GET", path, "Accept", ACTUATOR_JSON));

        assertThat(shortPath.status()).isEqualTo(200).isEqualTo(fullPath.status());
        assertThat(shortPath.body()).isEqualTo(fullPath.body())
                .isEqualTo("{\"components\":{\"" + group + "State\":{\"status\":\"UP\"}},\"status\":\"UP\"}");
        assertThat(shortPath.headers()).isEqualTo(fullPath.headers())
                .containsEntry("content-type", List.of(ACTUATOR_JSON))
                .containsEntry("x-content-type-options", List.of("nosniff"))
                .containsEntry("x-frame-options", List.of("DENY"));
        assertThat(shortPath.requestId()).isNotBlank().isNotEqualTo(fullPath.requestId());
    }

    @Test
    void aHeadProbeAnswersTheSameHeadersWithoutABody() throws Exception {
        FrontDoor.Answer shortPath = front.passesTheChain(false, () -> front.send("HEAD", "/actuator/health/liveness"));
        FrontDoor.Answer fullPath = front.passesTheChain(true,
                () -> front.send("HEAD", "/actuator/health/liveness", "Accept", ACTUATOR_JSON));
        assertThat(shortPath.status()).isEqualTo(200).isEqualTo(fullPath.status());
        assertThat(shortPath.body()).isEmpty();
        assertThat(shortPath.headers()).isEqualTo(fullPath.headers());
    }

    @Test
    void aGatewayRefusingTrafficAnswers503OnBothPaths() throws Exception {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            FrontDoor.Answer shortPath = front.passesTheChain(false,
                    () -> front.send("GET", "/actuator/health/readiness"));
            FrontDoor.Answer fullPath = front.passesTheChain(true,
                    () -> front.send("GET", "/actuator/health/readiness", "Accept", ACTUATOR_JSON));
            assertThat(shortPath.status()).isEqualTo(503).isEqualTo(fullPath.status());
            assertThat(shortPath.body()).isEqualTo(fullPath.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
            assertThat(shortPath.headers()).isEqualTo(fullPath.headers());
            assertThat(front.send("GET", "/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Test
    void anythingButAPlainProbeGoesDownTheChainAndIsAnsweredAsBefore() throws Exception {
        String liveness = "/actuator/health/liveness";
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness + "?verbose=1")).status()).isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness, "X-API-Key", KEY)).status()).isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness, "Authorization", "Bearer " + KEY)).status())
                .isEqualTo(200);
        FrontDoor.Answer wrongKey = front.passesTheChain(true,
                () -> front.send("GET", liveness, "X-API-Key", "not-a-key-of-ours"));
        assertThat(wrongKey.status()).as("a wrong key is refused on a probe too").isEqualTo(401);
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness, "Accept", "text/plain")).status()).isEqualTo(406);
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness, "Origin", "https://elsewhere.example")).status())
                .isNotEqualTo(500);
        assertThat(front.passesTheChain(true, () -> front.send("POST", liveness)).status()).isEqualTo(405);
        assertThat(front.passesTheChain(true, () -> front.send("GET", "/actuator/health")).status()).isEqualTo(200);
    }

    @Test
    void aSaneRequestIdIsEchoedOnTheShortPathAndAnInsaneOneReplaced() throws Exception {
        assertThat(front.send("GET", "/actuator/health/liveness", "X-Request-Id", "monitor-7:probe.1").requestId())
                .isEqualTo("monitor-7:probe.1");
        assertThat(front.send("GET", "/actuator/health/liveness", "X-Request-Id", "two words").requestId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
