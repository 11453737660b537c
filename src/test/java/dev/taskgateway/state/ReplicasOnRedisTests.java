package dev.taskgateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.TaskGatewayApplication;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.NewApiSimulator;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway replicas (two Spring contexts on random ports) against the same provider simulators
 * and one real {@code redis-server}, with {@code taskgateway.state.store=redis}: what one replica
 * did, the other knows — Idempotency-Keys, per-key limits, new-api's budget, cursors, invalidation
 * of held reads — and when Redis dies, reads go on, keyed actions are refused with 503, and both
 * recover when it returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasOnRedisTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String OPS = "ops-key-0123456789abcdef";
    private static final String LIMITED = "limited-key-0123456789ab";
    private static final int NEW_API_BUDGET = 20;
    private static final String CREATE = """
            {"serials":["R58M1001"],"script_name":"post","start_time":"09:30","script_config":{"captions":"hi"}}""";

    static SimulatorServer tikmatrix;
    static SimulatorServer newApi;
    static RedisServer redis;
    static ConfigurableApplicationContext replicaA;
    static ConfigurableApplicationContext replicaB;
    static GatewayClient a;
    static GatewayClient b;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        tikmatrix = SimulatorServer.start("tikmatrix", 0, Faults.NONE,
                new TikmatrixSimulator(60, 17, ZONE, LocalDateTime.now(ZONE)));
        newApi = SimulatorServer.start("new-api", 0, Faults.NONE,
                new NewApiSimulator(40, 17, Instant.now(), NewApiSimulator.Shape.CURRENT)
                        .rateLimit(NEW_API_BUDGET, Duration.ofSeconds(180)));
        replicaA = replica();
        replicaB = replica();
        a = new GatewayClient(port(replicaA), OPS);
        b = new GatewayClient(port(replicaB), OPS);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {replicaA, replicaB, tikmatrix, newApi, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    @Order(1)
    void aCreateRetriedOnTheOtherReplicaWithTheSameKeyRunsOnceUpstream() {
        Answer first = a.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "create-once");
        assertThat(first.status()).isEqualTo(201);
        long upstreamCalls = tikmatrix.answered();

        Answer retried = b.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "create-once");

        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.json()).isEqualTo(first.json());
        assertThat(tikmatrix.answered()).isEqualTo(upstreamCalls);
        Answer other = b.post("/sources/tikmatrix-pc1/tasks", CREATE.replace("hi", "ho"),
                "Idempotency-Key", "create-once");
        assertThat(other.status()).isEqualTo(422);
        assertThat(tikmatrix.answered()).isEqualTo(upstreamCalls);
    }

    @Test
    @Order(1)
    void anUpstreamFailureKeptOnOneReplicaIsReplayedByTheOtherWithoutCallingAgain() {
        Answer failed;
        tikmatrix.faults(new Faults(Duration.ZERO, 1.0, 0, 0, 0, Duration.ZERO, false));
        try {
            failed = a.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "create-failed");
        } finally {
            tikmatrix.faults(Faults.NONE);
        }
        assertThat(failed.status()).isEqualTo(502);
        long upstreamCalls = tikmatrix.answered();

        Answer replayed = b.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "create-failed");

        assertThat(replayed.status()).isEqualTo(502);
        assertThat(replayed.json().path("sources")).isEqualTo(failed.json().path("sources"));
        assertThat(tikmatrix.answered()).isEqualTo(upstreamCalls);
    }

    @Test
    @Order(2)
    void aKeysRateLimitHoldsAcrossBothReplicas() {
        GatewayClient limitedA = new GatewayClient(port(replicaA), LIMITED);
        GatewayClient limitedB = new GatewayClient(port(replicaB), LIMITED);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(limitedA.get("/sources").status());
            statuses.add(limitedB.get("/sources").status());
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(2);
    }

    @Test
    @Order(3)
    void bothReplicasTogetherStayInsideNewApisBudget() {
        Map<String, Integer> refusedLocally = new LinkedHashMap<>();
        for (int i = 0; i < NEW_API_BUDGET; i++) {
            for (GatewayClient replica : List.of(a, b)) {
                Answer read = replica.get("/tasks?source=newapi&size=5");
                JsonNode source = read.json().path("sources").get(0);
                if ("UPSTREAM_RATE_LIMITED".equals(source.path("error").path("code").asString())) {
                    refusedLocally.merge(replica == a ? "A" : "B", 1, Integer::sum);
                }
            }
        }

        assertThat(newApi.answered(429)).isZero();
        assertThat(newApi.answered(200)).isLessThanOrEqualTo(NEW_API_BUDGET);
        assertThat(refusedLocally).containsKeys("A", "B");
    }

    @Test
    @Order(4)
    void aReadOneReplicaMadeServesTheOtherWhileFresh() {
        Answer onA = a.get("/tasks?source=tikmatrix-pc1&size=7&q=a");
        long upstreamCalls = tikmatrix.answered();
        replicaB.getBean(ReadCache.class).invalidateAll(); // B holds nothing of its own

        Answer onB = b.get("/tasks?source=tikmatrix-pc1&size=7&q=a");

        assertThat(tikmatrix.answered()).as("B answered from A's shared read").isEqualTo(upstreamCalls);
        assertThat(ids(onB)).isEqualTo(ids(onA));
        assertThat(onB.json().path("page").path("total").asLong()).isEqualTo(onA.json().path("page").path("total").asLong());
        assertThat(b.get("/tasks/" + ids(onA).get(0)).json().path("raw").isObject()).isTrue();
        assertThat(b.get("/tasks/" + ids(onA).get(0)).body()).as("the same bytes on both replicas")
                .isEqualTo(a.get("/tasks/" + ids(onA).get(0)).body());
        assertThat(tikmatrix.answered()).isEqualTo(upstreamCalls);
    }

    @Test
    @Order(4)
    void twoReplicasAskingForTheSameListAtOnceReadItOnce() throws Exception {
        ReadCache readsOfB = replicaB.getBean(ReadCache.class);
        b.get("/tasks?source=tikmatrix-pc1&size=3");
        replicaA.getBean(ReadCache.class).invalidate("tikmatrix-pc1"); // here and, over pub/sub, on B
        await().atMost(Duration.ofSeconds(10)).until(() -> readsOfB.entries("tikmatrix-pc1") == 0);
        tikmatrix.faults(Faults.latency(Duration.ofMillis(500)));
        long upstreamCalls = tikmatrix.answered();
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            var onA = both.submit(() -> a.get("/tasks?source=tikmatrix-pc1&size=3"));
            var onB = both.submit(() -> b.get("/tasks?source=tikmatrix-pc1&size=3"));

            assertThat(onA.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(onB.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(ids(onB.get())).isEqualTo(ids(onA.get()));
        } finally {
            both.shutdownNow();
            tikmatrix.faults(Faults.NONE);
        }
        assertThat(tikmatrix.answered() - upstreamCalls).as("one replica read, the other waited for its read")
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void aCursorFromOneReplicaContinuesOnTheOther() {
        Answer first = a.get("/tasks?source=tikmatrix-pc1&size=5");
        String next = first.json().path("page").path("next").asString();

        Answer second = b.get("/tasks?source=tikmatrix-pc1&size=5&cursor=" + next);

        assertThat(second.status()).isEqualTo(200);
        List<String> firstIds = ids(first);
        List<String> secondIds = ids(second);
        assertThat(secondIds).hasSize(5).doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    @Order(5)
    void anActionOnOneReplicaIsVisibleOnTheOthersNextRead() {
        ReadCache readsOfB = replicaB.getBean(ReadCache.class);
        String id = ids(b.get("/tasks?source=tikmatrix-pc1&status=RUNNING&size=1")).get(0);
        assertThat(b.get("/tasks/" + id).json().path("status").asString()).isEqualTo("RUNNING");
        assertThat(readsOfB.entries("tikmatrix-pc1")).isPositive();

        assertThat(a.post("/tasks/" + id + "/stop", "").status()).isEqualTo(200);

        // Pub/sub is asynchronous: wait for B to have dropped its reads, then read there.
        await().atMost(Duration.ofSeconds(10)).until(() -> readsOfB.entries("tikmatrix-pc1") == 0);
        assertThat(b.get("/tasks/" + id).json().path("status").asString()).isEqualTo("FAILED");
    }

    @Test
    @Order(6)
    void withRedisKilledReadsGoOnKeyedActionsAre503AndBothRecoverWhenItReturns() {
        redis.kill();

        assertThat(a.get("/tasks?source=tikmatrix-pc1&size=3").status()).isEqualTo(200);
        assertThat(b.get("/tasks?source=tikmatrix-pc1&size=3").status()).isEqualTo(200);
        long upstreamCalls = tikmatrix.answered();
        Answer refused = a.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "while-down");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(tikmatrix.answered()).as("nothing sent to the provider").isEqualTo(upstreamCalls);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("type").asString()).isEqualTo("/problems/shared-state-unavailable");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(a.get("/sources").json().path("sharedState").path("available").asBoolean()).isFalse();
        JsonNode health = b.get("/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("sources").path("details").path("sharedState")
                .path("available").asBoolean()).isFalse();
        assertThat(b.anonymous("/actuator/health/readiness").status()).isEqualTo(200);

        redis.startAgain();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                a.get("/sources").json().path("sharedState").path("available").asBoolean()
                        && b.get("/sources").json().path("sharedState").path("available").asBoolean());
        Answer created = a.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "while-down");
        assertThat(created.status()).isEqualTo(201);
        long calls = tikmatrix.answered();
        assertThat(b.post("/sources/tikmatrix-pc1/tasks", CREATE, "Idempotency-Key", "while-down").json())
                .isEqualTo(created.json());
        assertThat(tikmatrix.answered()).isEqualTo(calls);
    }

    /** Last: it locks 127.0.0.1, every test client's address, out of both replicas for the period. */
    @Test
    @Order(7)
    void invalidKeysCountAcrossBothReplicas() {
        GatewayClient wrongOnA = new GatewayClient(port(replicaA), "not-a-key-0123456789");
        GatewayClient wrongOnB = new GatewayClient(port(replicaB), "not-a-key-0123456789");
        assertThat(wrongOnA.get("/sources").status()).isEqualTo(401);
        assertThat(wrongOnB.get("/sources").status()).isEqualTo(401);
        assertThat(wrongOnA.get("/sources").status()).isEqualTo(401);

        Answer refused = b.get("/sources");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("type").asString()).isEqualTo("/problems/rate-limited");
        assertThat(a.get("/sources").status()).isEqualTo(429);
    }

    private static List<String> ids(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().path("items").forEach(task -> ids.add(task.path("id").asString()));
        return ids;
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext replica() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("taskgateway.state.store", "redis");
        properties.put("spring.data.redis.host", "127.0.0.1");
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        // Generous, so a loaded CI machine does not make a replica fall back to local state; a
        // killed Redis still fails at once (commands are rejected while disconnected).
        properties.put("spring.data.redis.timeout", "5s");
        properties.put("taskgateway.sources.tikmatrix-pc1.type", "tikmatrix");
        properties.put("taskgateway.sources.tikmatrix-pc1.base-url", tikmatrix.baseUrl());
        properties.put("taskgateway.sources.tikmatrix-pc1.timezone", ZONE.getId());
        properties.put("taskgateway.sources.newapi.type", "new-api");
        properties.put("taskgateway.sources.newapi.base-url", newApi.baseUrl());
        properties.put("taskgateway.sources.newapi.access-token", "demo-newapi-user-token");
        properties.put("taskgateway.sources.newapi.user-id", "1");
        properties.put("taskgateway.sources.newapi.budget.limit", Integer.toString(NEW_API_BUDGET));
        properties.put("taskgateway.sources.newapi.budget.period", "180s");
        properties.put("taskgateway.sources.newapi.cache.fresh-ttl", "0s");
        properties.put("taskgateway.security.failed-auth.limit", "3");
        properties.put("taskgateway.security.failed-auth.period", "1h");
        properties.put("taskgateway.security.api-keys[0].name", "ops");
        properties.put("taskgateway.security.api-keys[0].key", OPS);
        properties.put("taskgateway.security.api-keys[0].roles", "read,operate");
        properties.put("taskgateway.security.api-keys[1].name", "limited");
        properties.put("taskgateway.security.api-keys[1].key", LIMITED);
        properties.put("taskgateway.security.api-keys[1].roles", "read");
        properties.put("taskgateway.security.api-keys[1].rate-limit.limit-for-period", "4");
        properties.put("taskgateway.security.api-keys[1].rate-limit.limit-refresh-period", "1h");
        // As arguments: they outrank application.yml, as a test's properties must.
        return new SpringApplicationBuilder(TaskGatewayApplication.class).profiles("test")
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
