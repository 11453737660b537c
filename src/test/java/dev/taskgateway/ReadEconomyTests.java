package dev.taskgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.LonglonglongSimulator;
import dev.taskgateway.demo.NewApiSimulator;
import dev.taskgateway.demo.NxlinkSimulator;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import dev.taskgateway.testing.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard's minute against all four providers with shipped defaults (DESIGN §8, upstream
 * economy): the new-api simulator enforces the real budget (180 requests per 180 s per client IP,
 * then 429 with an empty body). A cold walk costs each source at most its fewest possible pages + 2;
 * filtered walks, searches, details and stats after it cost no more than the walk again; no 429.
 *
 * <p>The gateway's clock stands still while the dashboard works (one fresh window of its reads);
 * moving it past the fresh TTL shows the next walk paying for one fresh read of each source, no more.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReadEconomyTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final String NX_HK_KEY = "AK-ECON-HK-0001";
    private static final String NX_HK_SECRET = "econ-hk-secret-0001";
    private static final String NX_US_KEY = "AK-ECON-US-0002";
    private static final String NX_US_SECRET = "econ-us-secret-0002";

    static final SimulatorServer LONGLONGLONG = SimulatorServer.start("longlonglong", 0, Faults.NONE,
            new LonglonglongSimulator(47, 42, LonglonglongSimulator.DEMO_TOKEN, LonglonglongSimulator.DEMO_USER_ID,
                    LocalDateTime.now(LonglonglongSimulator.ZONE)));
    static final SimulatorServer NXLINK = SimulatorServer.start("nxlink", 0, Faults.NONE,
            new NxlinkSimulator(Clock.systemUTC()).account(NX_HK_KEY, NX_HK_SECRET, 180, 42, Instant.now())
                    .account(NX_US_KEY, NX_US_SECRET, 95, 43, Instant.now()));
    static final SimulatorServer NEW_API = SimulatorServer.start("new-api", 0, Faults.NONE,
            new NewApiSimulator(1_300, 42, Instant.now(), NewApiSimulator.Shape.CURRENT)
                    .rateLimit(180, Duration.ofSeconds(180)));
    static final SimulatorServer TIKMATRIX = SimulatorServer.start("tikmatrix", 0, Faults.NONE,
            new TikmatrixSimulator(140, 42, ZONE, LocalDateTime.now(ZONE)));

    /** The gateway's clock: still unless a test moves it. NXLink signs with it, within its ±60 s window. */
    @TestBean
    Clock clock;

    @LocalServerPort
    int port;
    @Autowired
    ReadCache reads;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.llcall.type", () -> "longlonglong");
        registry.add("taskgateway.sources.llcall.base-url", LONGLONGLONG::baseUrl);
        registry.add("taskgateway.sources.llcall.token", () -> LonglonglongSimulator.DEMO_TOKEN);
        registry.add("taskgateway.sources.llcall.user-id", () -> LonglonglongSimulator.DEMO_USER_ID);
        registry.add("taskgateway.sources.nxlink-hk.type", () -> "nxlink");
        registry.add("taskgateway.sources.nxlink-hk.base-url", NXLINK::baseUrl);
        registry.add("taskgateway.sources.nxlink-hk.access-key", () -> NX_HK_KEY);
        registry.add("taskgateway.sources.nxlink-hk.access-secret", () -> NX_HK_SECRET);
        registry.add("taskgateway.sources.nxlink-us.type", () -> "nxlink");
        registry.add("taskgateway.sources.nxlink-us.base-url", NXLINK::baseUrl);
        registry.add("taskgateway.sources.nxlink-us.access-key", () -> NX_US_KEY);
        registry.add("taskgateway.sources.nxlink-us.access-secret", () -> NX_US_SECRET);
        registry.add("taskgateway.sources.newapi.type", () -> "new-api");
        registry.add("taskgateway.sources.newapi.base-url", NEW_API::baseUrl);
        registry.add("taskgateway.sources.newapi.access-token", () -> "demo-newapi-user-token");
        registry.add("taskgateway.sources.newapi.user-id", () -> "1");
        registry.add("taskgateway.sources.tikmatrix-pc1.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tikmatrix-pc1.base-url", TIKMATRIX::baseUrl);
        registry.add("taskgateway.sources.tikmatrix-pc1.timezone", ZONE::getId);
        registry.add("taskgateway.security.api-keys[0].name", () -> "dashboard");
        registry.add("taskgateway.security.api-keys[0].key", () -> "dashboard-key-0001");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
    }

    @AfterAll
    static void stopSimulators() {
        List.of(LONGLONGLONG, NXLINK, NEW_API, TIKMATRIX).forEach(SimulatorServer::close);
    }

    @Test
    void aDashboardMinuteCostsNoMoreThanOneColdWalkAndStaysInsideEveryBudget() {
        GatewayClient client = new GatewayClient(port, "dashboard-key-0001");

        Walk cold = walk(client, "/tasks?size=37");
        Map<String, Long> totals = cold.totals();
        Map<String, Long> coldCalls = calls();

        assertThat(cold.ids()).doesNotHaveDuplicates().hasSize((int) cold.total());
        assertThat(cold.total()).isEqualTo(totals.values().stream().mapToLong(Long::longValue).sum());
        assertThat(cold.alwaysComplete()).isTrue();
        assertThat(coldCalls.get("new-api")).isLessThanOrEqualTo(fewest(totals.get("newapi"), 100) + 2);
        assertThat(coldCalls.get("tikmatrix")).isLessThanOrEqualTo(fewest(totals.get("tikmatrix-pc1"), 100) + 2);
        assertThat(coldCalls.get("longlonglong")).isLessThanOrEqualTo(fewest(totals.get("llcall"), 15) + 2);
        assertThat(coldCalls.get("nxlink")).isLessThanOrEqualTo(
                fewest(totals.get("nxlink-hk"), 1000) + 2 + fewest(totals.get("nxlink-us"), 1000) + 2);

        Walk failed = walk(client, "/tasks?size=25&status=FAILED");
        walk(client, "/tasks?size=20&provider=new-api&status=RUNNING");
        walk(client, "/tasks?size=50&q=a");
        walk(client, "/tasks?size=30&createdFrom=" + Instant.now().minus(Duration.ofDays(3)));
        for (int i = 0; i < 60; i++) {
            Answer search = client.get("/tasks?size=20&q=zz" + i);
            assertThat(search.status()).isEqualTo(200);
            assertThat(search.json().path("complete").asBoolean()).isTrue();
        }
        List<String> details = spread(cold.ids(), 30);
        for (String id : details) {
            Answer detail = client.get("/tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            assertThat(detail.status()).as(id).isEqualTo(200);
            assertThat(detail.json().path("id").asString()).isEqualTo(id);
        }
        JsonNode stats = client.get("/tasks/stats").json();

        assertThat(failed.alwaysComplete()).isTrue();
        assertThat(failed.ids()).hasSize((int) stats.path("byStatus").path("FAILED").asLong());
        assertThat(stats.path("total").asLong()).isEqualTo(cold.total());
        assertThat(stats.path("complete").asBoolean()).isTrue();
        Map<String, Long> minute = calls();
        minute.forEach((provider, n) -> assertThat(n - coldCalls.get(provider))
                .as("%s after the cold walk", provider).isLessThanOrEqualTo(coldCalls.get(provider)));

        for (int i = 0; i < 200; i++) {
            assertThat(client.get("/tasks?size=5&q=distinct-" + i).status()).isEqualTo(200);
        }
        assertThat(calls()).as("200 searches while the reads are fresh").isEqualTo(minute);
        assertThat(reads.weight()).isLessThanOrEqualTo(50_000);

        CLOCK.advance(Duration.ofSeconds(16));
        Walk again = walk(client, "/tasks?size=37");
        assertThat(again.ids()).hasSize((int) cold.total());
        Map<String, Long> refreshed = calls();
        refreshed.forEach((provider, n) -> assertThat(n - minute.get(provider))
                .as("%s: one fresh read", provider).isLessThanOrEqualTo(coldCalls.get(provider)));
        assertThat(NEW_API.answered(429)).as("new-api never had to refuse").isZero();
        assertThat(NEW_API.answered()).isLessThanOrEqualTo(180);
    }

    /** Calls each simulator answered so far. */
    private static Map<String, Long> calls() {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (SimulatorServer simulator : List.of(LONGLONGLONG, NXLINK, NEW_API, TIKMATRIX)) {
            calls.put(simulator.name(), simulator.answered());
        }
        return calls;
    }

    private static long fewest(long tasks, int pageSize) {
        return Math.max(1, (tasks + pageSize - 1) / pageSize);
    }

    /** {@code count} ids spread over the whole walk, so every source is asked. */
    private static List<String> spread(List<String> ids, int count) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(ids.get((int) ((long) i * ids.size() / count)));
        }
        return picked;
    }

    /** Follows {@code page.next} from {@code first} to the end. */
    private static Walk walk(GatewayClient client, String first) {
        List<String> ids = new ArrayList<>();
        Set<Boolean> complete = new HashSet<>();
        JsonNode page = client.get(first).json();
        JsonNode firstPage = page;
        while (true) {
            complete.add(page.path("complete").asBoolean());
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            String next = page.path("page").path("next").asString(null);
            if (next == null || next.isEmpty()) {
                return new Walk(ids, firstPage, !complete.contains(false));
            }
            page = client.get(first + "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).json();
        }
    }

    /** A walk's tasks, its first page, and whether every page was complete. */
    private record Walk(List<String> ids, JsonNode firstPage, boolean alwaysComplete) {

        long total() {
            return firstPage.path("page").path("total").asLong();
        }

        Map<String, Long> totals() {
            Map<String, Long> totals = new LinkedHashMap<>();
            firstPage.path("sources").forEach(s -> totals.put(s.path("id").asString(), s.path("total").asLong()));
            return totals;
        }
    }
}
