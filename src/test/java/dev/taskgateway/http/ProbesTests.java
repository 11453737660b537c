package dev.taskgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
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
class ProbesTests {

    static final String KEY = "probe-reader-key-1234";
    static final String ACTUATOR_JSON = "application/vnd.spring-boot.actuator.v3+json";
    /** Headers that differ between any two answers. */
    static final Set<String> PER_ANSWER = Set.of("x-request-id", "date", "content-length", "transfer-encoding",
            "connection", "keep-alive");
    static final SimulatorServer PC = SimulatorServer.start("tm-probe", 0, Faults.NONE,
            new TikmatrixSimulator(5, 1, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));
    static final AtomicInteger DOWN_THE_CHAIN = new AtomicInteger();

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

    @TestConfiguration
    static class CountingFilter {
        @Bean
        FilterRegistrationBean<Filter> downTheChain() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                DOWN_THE_CHAIN.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"liveness", "readiness"})
    void aPlainProbeTakesTheShortPathAndAnswersWhatTheActuatorAnswers(String group) throws Exception {
        String path = "/actuator/health/" + group;
        Answer shortPath = passesTheChain(false, () -> send("GET", path));
        // The same request asking for the actuator's media type by name goes down the whole chain.
        Answer fullPath = passesTheChain(true, () -> send("GET", path, "Accept", ACTUATOR_JSON));

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
        Answer shortPath = passesTheChain(false, () -> send("HEAD", "/actuator/health/liveness"));
        Answer fullPath = passesTheChain(true, () -> send("HEAD", "/actuator/health/liveness", "Accept", ACTUATOR_JSON));
        assertThat(shortPath.status()).isEqualTo(200).isEqualTo(fullPath.status());
        assertThat(shortPath.body()).isEmpty();
        assertThat(shortPath.headers()).isEqualTo(fullPath.headers());
    }

    @Test
    void aGatewayRefusingTrafficAnswers503OnBothPaths() throws Exception {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            Answer shortPath = passesTheChain(false, () -> send("GET", "/actuator/health/readiness"));
            Answer fullPath = passesTheChain(true, () -> send("GET", "/actuator/health/readiness", "Accept", ACTUATOR_JSON));
            assertThat(shortPath.status()).isEqualTo(503).isEqualTo(fullPath.status());
            assertThat(shortPath.body()).isEqualTo(fullPath.body()).contains("\"status\":\"OUT_OF_SERVICE\"");
            assertThat(shortPath.headers()).isEqualTo(fullPath.headers());
            assertThat(send("GET", "/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
    }

    @Test
    void anythingButAPlainProbeGoesDownTheChainAndIsAnsweredAsBefore() throws Exception {
        String liveness = "/actuator/health/liveness";
        assertThat(passesTheChain(true, () -> send("GET", liveness + "?verbose=1")).status()).isEqualTo(200);
        assertThat(passesTheChain(true, () -> send("GET", liveness, "X-API-Key", KEY)).status()).isEqualTo(200);
        assertThat(passesTheChain(true, () -> send("GET", liveness, "Authorization", "Bearer " + KEY)).status())
                .isEqualTo(200);
        Answer wrongKey = passesTheChain(true, () -> send("GET", liveness, "X-API-Key", "not-a-key-of-ours"));
        assertThat(wrongKey.status()).as("a wrong key is refused on a probe too").isEqualTo(401);
        assertThat(passesTheChain(true, () -> send("GET", liveness, "Accept", "text/plain")).status()).isEqualTo(406);
        assertThat(passesTheChain(true, () -> send("GET", liveness, "Origin", "https://elsewhere.example")).status())
                .isNotEqualTo(500);
        assertThat(passesTheChain(true, () -> send("POST", liveness)).status()).isEqualTo(405);
        assertThat(passesTheChain(true, () -> send("GET", "/actuator/health")).status()).isEqualTo(200);
    }

    @Test
    void aSaneRequestIdIsEchoedOnTheShortPathAndAnInsaneOneReplaced() throws Exception {
        assertThat(send("GET", "/actuator/health/liveness", "X-Request-Id", "monitor-7:probe.1").requestId())
                .isEqualTo("monitor-7:probe.1");
        assertThat(send("GET", "/actuator/health/liveness", "X-Request-Id", "two words").requestId())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    /** Runs {@code call}, asserting whether it passed the counting filter behind the request scope filter. */
    private Answer passesTheChain(boolean expected, Call call) throws Exception {
        int before = DOWN_THE_CHAIN.get();
        Answer answer = call.run();
        assertThat(DOWN_THE_CHAIN.get() - before).as("went down the chain").isEqualTo(expected ? 1 : 0);
        return answer;
    }

    private Answer send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> kept = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!PER_ANSWER.contains(name.toLowerCase())) {
                kept.put(name.toLowerCase(), values);
            }
        });
        return new Answer(response.statusCode(), response.body(), kept,
                response.headers().firstValue("X-Request-Id").orElse(""));
    }

    private interface Call {
        Answer run() throws Exception;
    }

    private record Answer(int status, String body, Map<String, List<String>> headers, String requestId) {
    }
}
