package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Actions, creation and stats through the gateway against a TikMatrix simulator whose state really changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ActionsApiTests {

    static final ZoneId ZONE = ZoneId.of("UTC");
    static final SimulatorServer PC = SimulatorServer.start("tm-act", 0, Faults.NONE,
            new TikmatrixSimulator(60, 7, ZONE, LocalDateTime.of(2026, 3, 1, 12, 0)));

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.pc.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.pc.base-url", PC::baseUrl);
        registry.add("taskgateway.sources.pc.timezone", ZONE::getId);
        registry.add("taskgateway.security.api-keys[0].name", () -> "ops");
        registry.add("taskgateway.security.api-keys[0].key", () -> "ops-key-0001-actions");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read,operate");
        registry.add("taskgateway.security.api-keys[1].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[1].key", () -> "read-key-0001-actions");
        registry.add("taskgateway.security.api-keys[1].roles", () -> "read");
    }

    @AfterAll
    static void stop() {
        PC.close();
    }

    @LocalServerPort
    int port;
    GatewayClient ops;

    @BeforeEach
    void client() {
        ops = new GatewayClient(port, "ops-key-0001-actions");
    }

    @Test
    void stoppingARunningTaskChangesItUpstreamAndItsActions() {
        String id = first("RUNNING");

        Answer stopped = ops.post("/tasks/" + id + "/stop", "");
        JsonNode after = ops.get("/tasks/" + id).json();

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("outcome").asString()).isEqualTo("DONE");
        assertThat(after.path("status").asString()).isEqualTo("FAILED");
        assertThat(names(after.path("actions"))).containsExactly("retry", "delete");
    }

    @Test
    void actionTheTaskDoesNotListIs409AndNothingIsSent() {
        String id = first("SUCCEEDED");

        Answer answer = ops.post("/tasks/" + id + "/stop", "");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("detail").asString()).contains("SUCCEEDED").contains("delete");
        assertThat(ops.get("/tasks/" + id).json().path("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void actionTheProviderLacksIs501NamingWhatItSupports() {
        Answer answer = ops.post("/tasks/" + first("RUNNING") + "/pause", "");

        assertThat(answer.status()).isEqualTo(501);
        assertThat(answer.json().path("detail").asString()).contains("delete, retry, stop");
    }

    @Test
    void unknownActionAndMalformedIdsAre400() {
        assertThat(ops.post("/tasks/pc:1/explode", "").status()).isEqualTo(400);
        assertThat(ops.post("/tasks/nocolon/stop", "").status()).isEqualTo(400);
    }

    @Test
    void deletedTaskIsGoneAndDeletingItAgainIs404() {
        String id = first("SUCCEEDED");

        assertThat(ops.delete("/tasks/" + id).status()).isEqualTo(200);
        assertThat(ops.get("/tasks/" + id).status()).isEqualTo(404);
        assertThat(ops.delete("/tasks/" + id).status()).isEqualTo(404);
    }

    @Test
    void batchDeleteReportsEachIdAndOneBadIdHidesNothing() {
        String a = first("FAILED");
        String b = first("PENDING");

        Answer answer = ops.post("/tasks:batchDelete",
                "{\"ids\":[\"" + a + "\",\"pc:999999\",\"elsewhere:1\",\"" + b + "\",\"pc:../stats\"]}");

        assertThat(answer.status()).isEqualTo(200);
        List<String> outcomes = new ArrayList<>();
        answer.json().path("results").forEach(r -> outcomes.add(r.path("id").asString() + "=" + r.path("outcome").asString()));
        assertThat(outcomes).containsExactly(a + "=DONE", "pc:999999=NOT_FOUND", "elsewhere:1=FAILED", b + "=DONE",
                "pc:../stats=NOT_FOUND");
        assertThat(ops.get("/tasks/" + a).status()).isEqualTo(404);
    }

    @Test
    void batchDeleteWithAMalformedIdNamesIt() {
        Answer answer = ops.post("/tasks:batchDelete", "{\"ids\":[\"pc:1\",\"broken\"]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("ids[1]");
    }

    @Test
    void retryFailedRetriesEveryFailedTask() {
        assertThat(stat("FAILED")).isPositive();

        Answer answer = ops.post("/sources/pc/tasks:retryFailed", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(stat("FAILED")).isZero();
    }

    @Test
    void createValidatesBeforeSendingAndAnswersGatewayIds() {
        Answer bad = ops.post("/sources/pc/tasks", "{\"serials\":[\"R1\"],\"script_name\":\"like\"}");
        Answer created = ops.post("/sources/pc/tasks",
                "{\"serials\":[\"R1\",\"R2\"],\"script_name\":\"post\",\"start_time\":\"09:30\",\"script_config\":{\"captions\":\"hi\"}}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("script_name");
        assertThat(created.status()).isEqualTo(201);
        JsonNode ids = created.json().path("ids");
        assertThat(ids).hasSize(2);
        assertThat(ops.get("/tasks/" + ids.get(0).asString()).json().path("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void sameIdempotencyKeyReplaysTheFirstAnswerAndAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        String body = "{\"usernames\":[\"u1\"],\"script_name\":\"follow\",\"script_config\":{}}";

        Answer first = ops.post("/sources/pc/tasks", body, "Idempotency-Key", key);
        Answer again = ops.post("/sources/pc/tasks", body, "Idempotency-Key", key);
        Answer other = ops.post("/sources/pc/tasks", "{\"usernames\":[\"u2\"],\"script_name\":\"follow\",\"script_config\":{}}",
                "Idempotency-Key", key);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void actionsNeedTheOperateRoleAndAreAudited(CapturedOutput output) {
        Answer reader = new GatewayClient(port, "read-key-0001-actions").post("/tasks/pc:1/stop", "");
        String id = first("RUNNING");
        ops.post("/tasks/" + id + "/stop", "", "X-Request-Id", "audit-check-1");

        assertThat(reader.status()).isEqualTo(403);
        assertThat(output.getOut()).contains("audit {\"key\":\"ops\",\"action\":\"stop\",\"tasks\":[\"" + id
                + "\"],\"outcome\":\"DONE\",\"requestId\":\"audit-check-1\"}");
    }

    @Test
    void statsUseTikmatrixCountersAndAgreeWithTheList() {
        JsonNode stats = ops.get("/tasks/stats").json();
        long listed = ops.get("/tasks?size=1").json().path("page").path("total").asLong();

        assertThat(stats.path("total").asLong()).isEqualTo(listed);
        assertThat(stats.path("bySource").get(0).path("method").asString()).isEqualTo("native");
        JsonNode filtered = ops.get("/tasks/stats?q=post").json();
        assertThat(filtered.path("bySource").get(0).path("method").asString()).as("counted from the list just read, no call").isEqualTo("held");
        assertThat(filtered.path("total").asLong())
                .isEqualTo(ops.get("/tasks?q=post&size=1").json().path("page").path("total").asLong());
    }

    @Test
    void upstreamFailureIsReplayedForTheSameKeySoTheActionNeverRunsTwice() {
        String key = UUID.randomUUID().toString();
        String body = "{\"usernames\":[\"replay-check\"],\"script_name\":\"comment\",\"script_config\":{}}";
        long before = ops.get("/tasks/stats").json().path("total").asLong();

        PC.faults(new Faults(null, 0, 0, 0, 0, null, true));
        Answer failed;
        try {
            failed = ops.post("/sources/pc/tasks", body, "Idempotency-Key", key);
        } finally {
            PC.faults(Faults.NONE);
        }
        Answer replayed = ops.post("/sources/pc/tasks", body, "Idempotency-Key", key);

        assertThat(failed.status()).isEqualTo(502);
        assertThat(replayed.status()).isEqualTo(502);
        assertThat(ops.get("/tasks/stats").json().path("total").asLong()).isEqualTo(before);
    }

    @Test
    void statsFromCachedPagesOfADownProviderSayStale() {
        ops.get("/tasks/stats?q=follow");

        PC.faults(new Faults(null, 0, 0, 0, 0, null, true));
        JsonNode stats;
        try {
            stats = ops.get("/tasks/stats?q=follow", "Cache-Control", "no-cache").json();
        } finally {
            PC.faults(Faults.NONE);
        }

        assertThat(stats.path("bySource").get(0).path("state").asString()).isEqualTo("STALE");
        assertThat(stats.path("bySource").get(0).path("error").path("code").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(stats.path("complete").asBoolean()).isFalse();
    }

    private long stat(String status) {
        return ops.get("/tasks/stats?status=" + status).json().path("byStatus").path(status).asLong();
    }

    private String first(String status) {
        JsonNode items = ops.get("/tasks?size=1&status=" + status).json().path("items");
        assertThat(items).as("a %s task in the simulator", status).isNotEmpty();
        return items.get(0).path("id").asString();
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asString()));
        return names;
    }
}
