package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actions that cannot hang, double-run or forge the audit trail, against a TikMatrix simulator
 * over real HTTP: the action deadline, which refusals {@code Idempotency-Key} keeps, audit records
 * as JSON, and ids and sources checked before anything is used or audited.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
@Timeout(30)
class ActionsHardeningTests {

    static final ZoneId ZONE = ZoneId.of("UTC");
    static final SimulatorServer PC = SimulatorServer.start("tm-hard", 0, Faults.NONE,
            new TikmatrixSimulator(60, 11, ZONE, LocalDateTime.of(2026, 3, 1, 12, 0)));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.pc.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.pc.base-url", PC::baseUrl);
        registry.add("taskgateway.sources.pc.timezone", ZONE::getId);
        registry.add("taskgateway.sources.pc.timeout", () -> "10s");
        registry.add("taskgateway.sources.pc.cache.fresh-ttl", () -> "0s");
        registry.add("resilience4j.retry.instances.pc.max-attempts", () -> "1");
        registry.add("resilience4j.circuitbreaker.instances.pc.minimum-number-of-calls", () -> "1000000");
        registry.add("taskgateway.actions.deadline", () -> "700ms");
        registry.add("taskgateway.security.api-keys[0].name", () -> "ops");
        registry.add("taskgateway.security.api-keys[0].key", () -> "ops-key-0001-hardening");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read,operate");
    }

    @AfterAll
    static void stop() {
        PC.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    GatewayClient ops;

    @BeforeEach
    void client() {
        ops = new GatewayClient(port, "ops-key-0001-hardening");
    }

    @AfterEach
    void heal() {
        PC.faults(Faults.NONE);
        breakers.circuitBreaker("pc").reset();
    }

    @Test
    void anActionPastTheDeadlineIs504InsteadOfWaitingForTheProvider() {
        String id = first("RUNNING");
        PC.faults(Faults.latency(Duration.ofSeconds(5)));

        Answer answer = ops.post("/tasks/" + id + "/stop", "");

        assertThat(answer.status()).isEqualTo(504);
        JsonNode error = answer.json().path("sources").get(0).path("error");
        assertThat(error.path("code").asString()).isEqualTo("UPSTREAM_TIMEOUT");
        assertThat(error.path("message").asString()).contains("action deadline of 700 ms");
    }

    @Test
    void aBatchDeletePastTheDeadlineReportsEveryIdAsTimedOut() {
        String a = first("FAILED");
        String b = first("SUCCEEDED");
        PC.faults(Faults.latency(Duration.ofSeconds(5)));

        Answer answer = ops.post("/tasks:batchDelete", "{\"ids\":[\"" + a + "\",\"" + b + "\"]}");

        assertThat(answer.status()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        answer.json().path("results").forEach(r -> codes.add(r.path("outcome").asString() + "/" + r.path("code").asString()));
        assertThat(codes).containsExactly("FAILED/UPSTREAM_TIMEOUT", "FAILED/UPSTREAM_TIMEOUT");
    }

    @Test
    void aFailedPreReadIsNotReplayedSoTheSameKeyWorksOnceTheProviderIsBack() {
        String id = first("RUNNING");
        String key = UUID.randomUUID().toString();

        PC.faults(new Faults(null, 0, 0, 0, 0, null, true));
        Answer failed = ops.post("/tasks/" + id + "/stop", "", "Idempotency-Key", key);
        PC.faults(Faults.NONE);
        Answer retried = ops.post("/tasks/" + id + "/stop", "", "Idempotency-Key", key);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(ops.get("/tasks/" + id).json().path("status").asString()).isEqualTo("FAILED");
    }

    @Test
    void anOpenCircuitRefusalIsNotReplayed() {
        String key = UUID.randomUUID().toString();

        breakers.circuitBreaker("pc").transitionToForcedOpenState();
        Answer refused = ops.post("/sources/pc/tasks:retryFailed", "", "Idempotency-Key", key);
        breakers.circuitBreaker("pc").reset();
        Answer retried = ops.post("/sources/pc/tasks:retryFailed", "", "Idempotency-Key", key);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(retried.status()).isEqualTo(200);
    }

    @Test
    void auditRecordsAreOneJsonObjectEachSoAnIdCannotForgeFields(CapturedOutput output) {
        String forged = "pc:1] outcome=DONE requestId=forged key=admin";
        String requestId = "audit-forge-" + UUID.randomUUID().toString().substring(0, 8);

        Answer answer = ops.post("/tasks/" + segment(forged) + "/stop", "", "X-Request-Id", requestId);

        assertThat(answer.status()).isEqualTo(404);
        List<JsonNode> records = auditRecords(output, requestId);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("key").asString()).isEqualTo("ops");
        assertThat(records.get(0).path("action").asString()).isEqualTo("stop");
        assertThat(records.get(0).path("tasks").get(0).asString()).isEqualTo(forged);
        assertThat(records.get(0).path("outcome").asString()).isEqualTo("TaskNotFound");
    }

    @Test
    void idsWithSeparatorsOrBidiOverridesAre400AndNeverAudited(CapturedOutput output) {
        String requestId = "audit-bidi-" + UUID.randomUUID().toString().substring(0, 8);

        Answer lineSeparator = ops.post("/tasks/" + segment("pc:1\u2028audit {\"key\":\"admin\"}") + "/stop", "",
                "X-Request-Id", requestId);
        Answer bidi = ops.delete("/tasks/" + segment("pc:\u202e1"), "X-Request-Id", requestId);
        Answer batch = ops.post("/tasks:batchDelete", "{\"ids\":[\"pc:1\",\"pc:2\\u2029\"]}", "X-Request-Id", requestId);

        assertThat(List.of(lineSeparator.status(), bidi.status(), batch.status())).containsOnly(400);
        assertThat(lineSeparator.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
        assertThat(batch.json().path("errors").get(0).path("field").asString()).isEqualTo("ids[1]");
        assertThat(auditRecords(output, requestId)).isEmpty();
    }

    @Test
    void aMalformedSourceInThePathIs400NamingItAndIsNeverAudited(CapturedOutput output) {
        String requestId = "audit-source-" + UUID.randomUUID().toString().substring(0, 8);

        Answer retry = ops.post("/sources/" + segment("pc] outcome=DONE") + "/tasks:retryFailed", "",
                "X-Request-Id", requestId);
        Answer create = ops.post("/sources/" + segment("PC\u2028") + "/tasks", "{}", "X-Request-Id", requestId);

        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.json().path("errors").get(0).path("field").asString()).isEqualTo("source");
        assertThat(create.status()).isEqualTo(400);
        assertThat(create.json().path("errors").get(0).path("field").asString()).isEqualTo("source");
        assertThat(output.getOut()).doesNotContain(requestId);
    }

    @Test
    void aControlCharacterInAnyQueryParameterIs400NamingIt() {
        for (String name : List.of("source", "provider", "status", "q", "createdFrom", "createdTo", "size", "page",
                "cursor", "include")) {
            String value = switch (name) {
                case "source" -> "pc";
                case "provider" -> "tikmatrix";
                case "status" -> "running";
                case "createdFrom", "createdTo" -> "2026-01-01";
                case "size", "page" -> "5";
                case "include" -> "raw";
                default -> "x";
            };
            for (String control : List.of("%00", "%09", "%0A", "%1F", "%7F", "%C2%85")) {
                Answer answer = ops.get("/tasks?" + name + "=" + value + control);
                assertThat(answer.status()).as("%s=%s%s", name, value, control).isEqualTo(400);
                assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo(name);
            }
        }
        Answer stats = ops.get("/tasks/stats?status=running%00");
        assertThat(stats.status()).isEqualTo(400);
        assertThat(stats.json().path("errors").get(0).path("field").asString()).isEqualTo("status");
    }

    @Test
    void aControlCharacterInAPathIdIs400NamingIt() {
        for (String path : List.of("/tasks/pc:1%00", "/tasks/pc:%0A1", "/tasks/pc:1%7F")) {
            Answer answer = ops.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0)).as(path + " " + answer.body()).isNotNull();
            assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
        }
    }

    private static List<JsonNode> auditRecords(CapturedOutput output, String requestId) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : output.getOut().split("\n")) {
            int start = line.indexOf("audit {");
            if (start >= 0) {
                JsonNode record = JSON.readTree(line.substring(start + "audit ".length()).trim());
                if (requestId.equals(record.path("requestId").asString())) {
                    records.add(record);
                }
            } else if (line.contains(requestId) && line.contains("audit")) {
                records.add(JSON.readTree("{\"unparsed\":true}"));
            }
        }
        return records;
    }

    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String first(String status) {
        JsonNode items = ops.get("/tasks?size=1&status=" + status).json().path("items");
        assertThat(items).as("a %s task in the simulator", status).isNotEmpty();
        return items.get(0).path("id").asString();
    }
}
