package dev.taskgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /__sim/faults}, the switch bench and chaos scripts turn, over real HTTP. */
class SimulatorServerTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final SimulatorServer server = SimulatorServer.start("echo", 0, Faults.NONE,
            call -> SimulatorServer.Reply.json(200, Map.of("ok", true)));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void putChangesTheNamedFaultsAndKeepsTheOthers() throws Exception {
        assertThat(send("PUT", "{\"errorRate\": 1, \"slowDelay\": \"PT0.25S\"}").statusCode()).isEqualTo(200);
        assertThat(send("PUT", "{\"slowRate\": 0.5}").statusCode()).isEqualTo(200);

        assertThat(server.faults()).isEqualTo(new Faults(Duration.ZERO, 1, 0, 0, 0.5, Duration.ofMillis(250), false));
        assertThat(send("GET", null).body()).contains("\"errorRate\":1.0").contains("\"slowDelay\":\"PT0.25S\"");
        // Errors are decided before slowness: every request is a 503, at once.
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/any")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    }

    @Test
    void aFaultedRequestNeverReachesTheHandler() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        try (SimulatorServer failing = SimulatorServer.start("failing", 0,
                new Faults(Duration.ZERO, 1, 0, 0, 0, Duration.ZERO, false),
                call -> {
                    handled.incrementAndGet();
                    return SimulatorServer.Reply.json(200, Map.of("ok", true));
                })) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(failing.baseUrl() + "/any")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(handled).hasValue(0); // an action answered 503 must not have been carried out
        }
    }

    @Test
    void aBadBodyIsA400AndChangesNothing() throws Exception {
        HttpResponse<String> rate = send("PUT", "{\"errorRate\": 7}");
        HttpResponse<String> notAnObject = send("PUT", "[1]");

        assertThat(rate.statusCode()).isEqualTo(400);
        assertThat(rate.body()).contains("between 0 and 1");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(server.faults()).isEqualTo(Faults.NONE);
    }

    private HttpResponse<String> send(String method, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/__sim/faults"))
                .method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
    }
}
