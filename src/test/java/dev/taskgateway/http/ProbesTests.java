package dev.taskgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.FrontDoor;
import dev.taskgateway.testing.FrontDoorGatewayTestBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * The probes' short path ({@link Probes}) answers byte for byte what the full chain and the
 * actuator answer, and only plain probes take it. A filter registered right after the request
 * scope filter counts the requests that went on down the chain.
 */
class ProbesTests extends FrontDoorGatewayTestBase {

    static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";

    @Autowired
    ApplicationContext context;

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
                () -> front.send("GET", liveness, "X-API-Key", READER)).status()).isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.send("GET", liveness, "Authorization", "Bearer " + READER)).status())
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
