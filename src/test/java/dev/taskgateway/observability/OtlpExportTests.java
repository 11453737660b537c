package dev.taskgateway.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.taskgateway.GatewayClient;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code management.opentelemetry.tracing.export.otlp.endpoint} set, spans leave the process:
 * an OTLP/HTTP receiver (WireMock on loopback) gets the request's span batch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.opentelemetry.tracing.export.schedule-delay=100ms",
        "taskgateway.sources.tik.type=tikmatrix",
        "taskgateway.sources.tik.timezone=UTC",
        "taskgateway.security.api-keys[0].name=dashboard",
        "taskgateway.security.api-keys[0].key=otlp-export-key-0001",
        "taskgateway.security.api-keys[0].roles=read",
})
@ActiveProfiles("test")
class OtlpExportTests {

    static final WireMockServer COLLECTOR = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    static final SimulatorServer TIKMATRIX = SimulatorServer.start("tikmatrix", 0, Faults.NONE,
            new TikmatrixSimulator(10, 3, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));
    static final BlockingQueue<String> BATCHES = new LinkedBlockingQueue<>();

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlPathEqualTo("/v1/traces")).willReturn(aResponse().withStatus(200)));
        COLLECTOR.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith("/v1/traces")) {
                // Protobuf keeps strings as UTF-8 bytes: span names and tag values are readable in it.
                BATCHES.add(new String(request.getBody(), StandardCharsets.ISO_8859_1));
            }
        });
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint", () -> COLLECTOR.baseUrl() + "/v1/traces");
        registry.add("taskgateway.sources.tik.base-url", TIKMATRIX::baseUrl);
    }

    @AfterAll
    static void stop() {
        COLLECTOR.stop();
        TIKMATRIX.close();
    }

    @Test
    void spansOfARequestReachTheConfiguredCollector() throws InterruptedException {
        assertThat(new GatewayClient(port, "otlp-export-key-0001").get("/tasks?size=3").status()).isEqualTo(200);

        StringBuilder received = new StringBuilder();
        while (!(received.toString().contains("http get /tasks") && received.toString().contains("upstream fetch"))) {
            String batch = BATCHES.poll(20, TimeUnit.SECONDS);
            assertThat(batch).as("an OTLP batch with the request's spans; so far: %s", received).isNotNull();
            received.append(batch);
        }
        assertThat(received.toString()).contains("tikmatrix").contains("success");
    }
}
