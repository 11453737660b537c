package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The whole gateway over real HTTP against two TikMatrix simulators. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TaskApiTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDateTime NEWEST = LocalDateTime.of(2026, 3, 1, 12, 0);
    static final SimulatorServer PC1 = SimulatorServer.start("tm-a", 0, Faults.NONE,
            new TikmatrixSimulator(130, 1, ZONE, NEWEST));
    static final SimulatorServer PC2 = SimulatorServer.start("tm-b", 0, Faults.NONE,
            new TikmatrixSimulator(70, 2, ZONE, NEWEST));

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.tm-a.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tm-a.base-url", PC1::baseUrl);
        registry.add("taskgateway.sources.tm-a.timezone", ZONE::getId);
        registry.add("taskgateway.sources.tm-b.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tm-b.base-url", PC2::baseUrl);
        registry.add("taskgateway.sources.tm-b.timezone", ZONE::getId);
        registry.add("taskgateway.security.api-keys[0].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[0].key", () -> "read-key-1234-tasks");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
        registry.add("taskgateway.security.api-keys[1].name", () -> "ops");
        // sha256("ops-key-5678")
        registry.add("taskgateway.security.api-keys[1].key-sha256",
                () -> "30e1dc1fb614642957ab3b7406f2c667b853df8809804f4fb7c48fa14e80bb4d");
        registry.add("taskgateway.security.api-keys[1].roles", () -> "read,operate");
    }

    @AfterAll
    static void stopSimulators() {
        PC1.close();
        PC2.close();
    }

    @LocalServerPort
    int port;
    GatewayClient client;

    @BeforeEach
    void client() {
        client = new GatewayClient(port, "read-key-1234-tasks");
    }

    @Test
    void cursorWalkReturnsEveryTaskOnceInOrderAndAgreesWithPageNumbers() {
        List<String> walk = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Answer answer = client.get("/tasks?size=17" + (next == null ? "" : "&cursor=" + next));
            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = answer.json();
            pages++;
            assertThat(body.path("page").path("number").asInt()).isEqualTo(pages);
            List<String> ids = ids(body);
            assertThat(ids).isEqualTo(ids(client.get("/tasks?size=17&page=" + pages).json()));
            walk.addAll(ids);
            next = body.path("page").path("next").isNull() ? null : body.path("page").path("next").asString();
        } while (next != null);

        assertThat(walk).hasSize(200).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo(12);
        assertThat(client.get("/tasks?size=5").json().path("page").path("total").asLong()).isEqualTo(200);
    }

    @Test
    void listIsNewestFirstAcrossSources() {
        JsonNode items = client.get("/tasks?size=200").json().path("items");
        List<String> created = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        items.forEach(item -> {
            created.add(item.path("createdAt").asString());
            sources.add(item.path("source").asString());
        });
        assertThat(created).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(sources).containsExactlyInAnyOrder("tm-a", "tm-b");
    }

    @Test
    void filtersSelectSourcesAndStatusesAndReportSkippedSources() {
        JsonNode body = client.get("/tasks?source=tm-b&status=FAILED,RUNNING&size=200").json();

        body.path("items").forEach(item -> {
            assertThat(item.path("source").asString()).isEqualTo("tm-b");
            assertThat(item.path("status").asString()).isIn("FAILED", "RUNNING");
            assertThat(item.has("raw")).isFalse();
        });
        assertThat(body.path("sources").get(0).path("state").asString()).isEqualTo("SKIPPED");
        assertThat(body.path("sources").get(1).path("state").asString()).isEqualTo("OK");
        assertThat(body.path("complete").asBoolean()).isTrue();
    }

    @Test
    void includeRawAddsTheProviderRecord() {
        JsonNode item = client.get("/tasks?size=1&include=raw").json().path("items").get(0);
        assertThat(item.path("raw").path("script_name").isString()).isTrue();
    }

    @Test
    void detailHasTheRawRecordAndMissingTasksAre404() {
        String id = client.get("/tasks?size=1").json().path("items").get(0).path("id").asString();

        Answer found = client.get("/tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        Answer missing = client.get("/tasks/tm-a:999999");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("raw").isObject()).isTrue();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().path("type").asString()).isEqualTo("/problems/task-not-found");
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "size=0                           | size",
            "size=201                         | size",
            "size=abc                         | size",
            "page=-1                          | page",
            "page=51&size=200                 | page",
            "bogus=1                          | bogus",
            "status=DONE                      | status",
            "status=                          | status",
            "source=nope                      | source",
            "provider=jira                    | provider",
            "createdFrom=yesterday            | createdFrom",
            "createdFrom=2026-02-01&createdTo=2026-01-01 | createdFrom",
            "q=                               | q",
            "size=5&size=6                    | size",
            "cursor=forged.token              | cursor",
            "include=everything               | include"})
    void badInputIsA400NamingTheParameter(String query, String field) {
        Answer answer = client.get("/tasks?" + query);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode body = answer.json();
        assertThat(body.path("requestId").asString()).isNotBlank();
        List<String> fields = new ArrayList<>();
        body.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains(field);
    }

    @Test
    void everyBadParameterIsNamedInOneAnswer() {
        JsonNode body = client.get("/tasks?size=0&page=0&status=NOPE&x=1").json();
        List<String> fields = new ArrayList<>();
        body.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("size", "page", "status", "x");
    }

    @Test
    void cursorMadeForOtherFiltersIsRejected() {
        String next = client.get("/tasks?size=5&status=SUCCEEDED").json().path("page").path("next").asString();

        Answer other = client.get("/tasks?size=5&status=FAILED&cursor=" + next);
        Answer otherSize = client.get("/tasks?size=6&status=SUCCEEDED&cursor=" + next);

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.json().path("errors").get(0).path("message").asString()).contains("other filters");
        assertThat(otherSize.status()).isEqualTo(400);
    }

    @Test
    void malformedTaskIdIsA400() {
        assertThat(client.get("/tasks/no-colon-here").status()).isEqualTo(400);
        assertThat(client.get("/tasks/unknown-source:1").status()).isEqualTo(400);
    }

    @Test
    void requestIdIsEchoedOrMade() {
        assertThat(client.get("/tasks?size=1", "X-Request-Id", "trace-abc.1").header("X-Request-Id"))
                .isEqualTo("trace-abc.1");
        assertThat(client.get("/tasks?size=1", "X-Request-Id", "bad id with spaces").header("X-Request-Id"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void withoutAKeyIs401AndWithoutTheRoleIs403() {
        Answer anonymous = client.anonymous("/tasks");
        Answer wrongKey = new GatewayClient(port, "nope").get("/tasks");
        Answer reader = client.get("/actuator/prometheus");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(anonymous.json().path("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(reader.status()).isEqualTo(403);
    }

    @Test
    void hashedKeysAuthenticateAndBearerWorksToo() {
        Answer answer = new GatewayClient(port, null).get("/tasks?size=1", "Authorization", "Bearer ops-key-5678");
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void healthIsOpen() {
        assertThat(client.anonymous("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void sourcesListsEveryConfiguredSourceWithWhatItSupports() {
        JsonNode sources = client.get("/sources").json().path("sources");
        assertThat(sources).hasSize(2);
        assertThat(sources.get(0).path("id").asString()).isEqualTo("tm-a");
        assertThat(sources.get(0).path("supports").path("ordering").asString()).isEqualTo("UNORDERED");
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
