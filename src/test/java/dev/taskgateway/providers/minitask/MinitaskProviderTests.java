package dev.taskgateway.providers.minitask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The fifth provider, added as one package, in the whole gateway: a source of type
 * {@code minitask} is configured like any other and its tasks come through {@code /tasks} merged
 * with a TikMatrix PC's, filtered, counted and found by id — with no change outside this package.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MinitaskConfiguration.class)
@ActiveProfiles("test")
class MinitaskProviderTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String TOKEN = "mini-token-0001";
    static final MinitaskServer MINI = start(30, Instant.parse("2026-03-01T03:59:30Z"));
    static final SimulatorServer PC = SimulatorServer.start("tm", 0, Faults.NONE,
            new TikmatrixSimulator(40, 1, ZONE, LocalDateTime.of(2026, 3, 1, 12, 0)));

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.mini.type", () -> "minitask");
        registry.add("taskgateway.sources.mini.base-url", MINI::baseUrl);
        registry.add("taskgateway.sources.mini.token", () -> TOKEN);
        registry.add("taskgateway.sources.mini.page-size", () -> "7");
        registry.add("taskgateway.sources.tm.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tm.base-url", PC::baseUrl);
        registry.add("taskgateway.sources.tm.timezone", ZONE::getId);
        registry.add("taskgateway.security.api-keys[0].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[0].key", () -> "read-key-1234-tasks");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
    }

    @AfterAll
    static void stopServers() {
        MINI.close();
        PC.close();
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void client() {
        client = new GatewayClient(port, "read-key-1234-tasks");
    }

    @Test
    void minitaskTasksAreListedMergedWithTheOtherSourceNewestFirst() {
        JsonNode body = client.get("/tasks?size=100").json();

        Map<String, Integer> perSource = new HashMap<>();
        List<String> created = new ArrayList<>();
        body.path("items").forEach(item -> {
            perSource.merge(item.path("source").asString(), 1, Integer::sum);
            created.add(item.path("createdAt").asString());
        });
        assertThat(perSource).containsEntry("mini", 30).containsEntry("tm", 40);
        assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(body.path("page").path("total").asLong()).isEqualTo(70);
        assertThat(body.path("sources")).extracting(s -> s.path("id").asString() + "=" + s.path("provider").asString()
                + ":" + s.path("state").asString()).containsExactlyInAnyOrder("mini=minitask:OK", "tm=tikmatrix:OK");
    }

    @Test
    void aSmallPageWalksBothSourcesWithoutRepeats() {
        List<String> ids = new ArrayList<>();
        String next = null;
        do {
            JsonNode body = client.get("/tasks?size=9" + (next == null ? "" : "&cursor=" + next)).json();
            body.path("items").forEach(item -> ids.add(item.path("id").asString()));
            next = body.path("page").path("next").isNull() ? null : body.path("page").path("next").asString();
        } while (next != null);

        assertThat(ids).hasSize(70).doesNotHaveDuplicates();
    }

    @Test
    void theGatewayFiltersWhatMinitaskCannotAndKnowsItsProviderName() {
        JsonNode running = client.get("/tasks?provider=minitask&status=RUNNING&size=100").json();

        // working is every fifth job from job-2: 2, 7, 12, 17, 22, 27
        assertThat(running.path("items")).extracting(item -> item.path("id").asString())
                .containsExactly("mini:job-2", "mini:job-7", "mini:job-12", "mini:job-17", "mini:job-22", "mini:job-27");
    }

    @Test
    void aMinitaskTaskIsFoundByIdThroughItsList() {
        GatewayClient.Answer answer = client.get("/tasks/mini:job-24");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asString()).isEqualTo("FAILED");
        assertThat(answer.json().path("createdAt").asString()).isEqualTo(MINI.created(24).toString());
        assertThat(client.get("/tasks/mini:job-31").status()).isEqualTo(404);
    }

    private static MinitaskServer start(int jobs, Instant newest) {
        try {
            return new MinitaskServer(TOKEN, jobs, newest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
