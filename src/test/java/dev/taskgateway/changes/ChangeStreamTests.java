package dev.taskgateway.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import dev.taskgateway.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * The change stream and webhooks end to end: a real TikMatrix simulator whose tasks change state on
 * stop and retry, the gateway on a random port with a clock the test moves (one fresh TTL at a
 * time), SSE clients and a webhook receiver on loopback. Nothing sleeps: every wait is a bounded
 * wait for something to arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ChangeStreamTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static final Duration FRESH = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "dashboard-key-0001";
    private static final String SECRET = "webhook-secret-0123456789";
    private static final int RETENTION = 8;
    private static final String SOURCE = "tikmatrix-pc1";

    static final SimulatorServer TIKMATRIX = SimulatorServer.start("tikmatrix", 0, Faults.NONE,
            new TikmatrixSimulator(140, 42, ZONE, LocalDateTime.now(ZONE)));
    static final WebhookReceiver WEBHOOK = new WebhookReceiver();
    /** HTTP/1.1: an h2c upgrade attempt would hold every other request to the host behind an endless stream. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Set<String> USED = new HashSet<>();

    @TestBean
    Clock clock;

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.tikmatrix-pc1.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.tikmatrix-pc1.base-url", TIKMATRIX::baseUrl);
        registry.add("taskgateway.sources.tikmatrix-pc1.timezone", ZONE::getId);
        registry.add("taskgateway.sources.tikmatrix-pc1.cache.fresh-ttl", FRESH::toString);
        registry.add("taskgateway.security.api-keys[0].name", () -> "dashboard");
        registry.add("taskgateway.security.api-keys[0].key", () -> KEY);
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
        registry.add("taskgateway.changes.tick", () -> "20ms");
        registry.add("taskgateway.changes.heartbeat", () -> "200ms");
        registry.add("taskgateway.changes.retention", () -> String.valueOf(RETENTION));
        registry.add("taskgateway.webhooks[0].url", WEBHOOK::url);
        registry.add("taskgateway.webhooks[0].secret", () -> SECRET);
        registry.add("taskgateway.webhooks[0].filters.source", () -> SOURCE);
        registry.add("taskgateway.webhooks[0].backoff", () -> "10ms");
    }

    @AfterAll
    static void stop() {
        TIKMATRIX.close();
        WEBHOOK.close();
    }

    @Test
    void aTaskStoppedThenRetriedReachesStreamAndWebhookOnceInOrderWithinOneFreshTtlEach() throws Exception {
        String task = unused("RUNNING");
        String marker = unused(null);
        try (SseClient sse = open(null)) {
            WEBHOOK.refuseNext(1);
            upstream("POST", "/api/v1/task/" + nativeId(task) + "/stop");
            CLOCK.advance(FRESH);
            SseClient.Event stopped = sse.next(WAIT);
            upstream("POST", "/api/v1/task/" + nativeId(task) + "/retry");
            CLOCK.advance(FRESH);
            SseClient.Event retried = sse.next(WAIT);
            upstream("DELETE", "/api/v1/task/" + nativeId(marker));
            CLOCK.advance(FRESH);
            SseClient.Event removed = sse.next(WAIT);

            assertThat(List.of(stopped.name(), retried.name(), removed.name()))
                    .containsExactly("changed", "changed", "removed");
            assertThat(stopped.json().path("task").path("id").asString()).isEqualTo(task);
            assertThat(stopped.json().path("previousStatus").asString()).isEqualTo("RUNNING");
            assertThat(stopped.json().path("task").path("status").asString()).isEqualTo("FAILED");
            assertThat(stopped.json().path("task").has("raw")).isFalse();
            assertThat(retried.json().path("task").path("id").asString()).isEqualTo(task);
            assertThat(retried.json().path("previousStatus").asString()).isEqualTo("FAILED");
            assertThat(retried.json().path("task").path("status").asString()).isEqualTo("PENDING");
            assertThat(removed.json().path("task").path("id").asString()).isEqualTo(marker);
            assertThat(List.of(sequence(stopped.id()), sequence(retried.id()), sequence(removed.id())))
                    .isSorted().doesNotHaveDuplicates();
            assertThat(sse.pending()).isEmpty();

            List<WebhookReceiver.Delivery> delivered = deliveriesUpTo(removed.id());
            List<String> accepted = delivered.stream().filter(d -> d.answered() == 204)
                    .filter(d -> d.json().path("task").path("id").asString().equals(task))
                    .map(WebhookReceiver.Delivery::eventId).toList();
            assertThat(accepted).containsExactly(stopped.id(), retried.id());
            assertThat(delivered).anyMatch(d -> d.answered() == 500 && d.eventId().equals(stopped.id()));
            for (WebhookReceiver.Delivery delivery : delivered) {
                Map<String, String> signature = WebhookReceiver.parts(delivery.signature());
                assertThat(signature.get("v1")).isEqualTo(hmac(signature.get("t") + "." + delivery.body()));
            }
            assertThat(meters.counter("taskgateway.webhook.deliveries", "webhook", "0", "outcome", "retried")
                    .count()).isGreaterThanOrEqualTo(1);
            assertThat(meters.counter("taskgateway.webhook.deliveries", "webhook", "0", "outcome", "delivered")
                    .count()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void resumingWithLastEventIdLosesNothing() throws Exception {
        String first = unused("RUNNING");
        String second = unused("RUNNING");
        String third = unused(null);
        String lastSeen;
        try (SseClient sse = open(null)) {
            upstream("POST", "/api/v1/task/" + nativeId(first) + "/stop");
            CLOCK.advance(FRESH);
            SseClient.Event event = sse.next(WAIT);
            assertThat(event.json().path("task").path("id").asString()).isEqualTo(first);
            lastSeen = event.id();
        }
        upstream("POST", "/api/v1/task/" + nativeId(second) + "/stop");
        upstream("DELETE", "/api/v1/task/" + nativeId(third));
        CLOCK.advance(FRESH);
        String thirdRemoved = webhookEventFor(third);

        try (SseClient resumed = open(lastSeen)) {
            SseClient.Event changed = resumed.next(WAIT);
            SseClient.Event removed = resumed.next(WAIT);
            assertThat(changed.json().path("task").path("id").asString()).isEqualTo(second);
            assertThat(changed.name()).isEqualTo("changed");
            assertThat(removed.json().path("task").path("id").asString()).isEqualTo(third);
            assertThat(removed.id()).isEqualTo(thirdRemoved);
            assertThat(sequence(changed.id())).isEqualTo(sequence(lastSeen) + 1);
            assertThat(sequence(removed.id())).isEqualTo(sequence(lastSeen) + 2);
        }
    }

    @Test
    void aReconnectBeyondTheRetentionWindowOrFromAnotherProcessGetsAResync() throws Exception {
        String first = unused(null);
        String lastSeen;
        try (SseClient sse = open(null)) {
            upstream("DELETE", "/api/v1/task/" + nativeId(first));
            CLOCK.advance(FRESH);
            lastSeen = sse.next(WAIT).id();
        }
        List<String> gone = new ArrayList<>();
        for (int i = 0; i <= RETENTION; i++) {
            gone.add(unused(null));
            upstream("DELETE", "/api/v1/task/" + nativeId(gone.get(i)));
        }
        CLOCK.advance(FRESH);
        gone.forEach(ChangeStreamTests::webhookEventForUnchecked);

        try (SseClient late = open(lastSeen)) {
            SseClient.Event resync = late.next(WAIT);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.json().path("reason").asString()).contains("retention");
            assertThat(sequence(resync.id())).isGreaterThanOrEqualTo(sequence(lastSeen) + RETENTION + 1);
        }
        try (SseClient foreign = open("0badc0de-3")) {
            SseClient.Event resync = foreign.next(WAIT);
            assertThat(resync.name()).isEqualTo("resync");
            assertThat(resync.json().path("reason").asString()).contains("not from this gateway process");
        }
    }

    @Test
    void twoHundredStreamsCostTheUpstreamNoMoreThanOneRead() throws Exception {
        String task = unused("RUNNING");
        long total = new GatewayClient(port, KEY).get("/tasks?source=" + SOURCE + "&size=1").json()
                .path("page").path("total").asLong();
        List<SseClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                clients.add(new SseClient(HTTP, port, KEY, "/tasks/changes?source=" + SOURCE, null));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).comment(WAIT)).as("client " + i).isEqualTo("open");
            }
            long before = TIKMATRIX.answered();
            upstream("POST", "/api/v1/task/" + nativeId(task) + "/stop");
            CLOCK.advance(FRESH);
            for (SseClient client : clients) {
                assertThat(client.next(WAIT).json().path("task").path("id").asString()).isEqualTo(task);
            }
            long cost = TIKMATRIX.answered() - before - 1; // less the test's own stop
            assertThat(cost).isBetween(1L, (total + 99) / 100);
        } finally {
            clients.forEach(SseClient::close);
        }
    }

    @Test
    void updatedFromListsAndCountsOnlyTasksChangedSinceLocallyNotByTheProvidersCounters() throws Exception {
        String task = unused("RUNNING");
        Instant since = Instant.now().minusSeconds(2); // the simulator stamps with the real clock
        upstream("POST", "/api/v1/task/" + nativeId(task) + "/stop");
        GatewayClient client = new GatewayClient(port, KEY);
        String query = "source=" + SOURCE + "&updatedFrom=" + since;

        JsonNode list = client.get("/tasks?size=200&" + query, "Cache-Control", "no-cache").json();
        JsonNode stats = client.get("/tasks/stats?" + query).json();
        JsonNode allStats = client.get("/tasks/stats?source=" + SOURCE).json();

        List<String> ids = new ArrayList<>();
        list.path("items").forEach(item -> ids.add(item.path("id").asString()));
        assertThat(ids).contains(task);
        list.path("items").forEach(item -> assertThat(Instant.parse(item.path("finishedAt").asString()))
                .isAfterOrEqualTo(since.minusSeconds(1)));
        assertThat(stats.path("total").asLong()).isEqualTo(ids.size()).isLessThan(allStats.path("total").asLong());
        assertThat(stats.path("bySource").get(0).path("method").asString()).isNotEqualTo("native");
    }

    @Test
    void aBadUpdatedFromIsA400NamingIt() {
        GatewayClient.Answer answer = new GatewayClient(port, KEY).get("/tasks?updatedFrom=yesterday");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("updatedFrom");
    }

    @Test
    void anIdleStreamGetsHeartbeats() throws Exception {
        try (SseClient sse = open(null)) {
            assertThat(sse.comment(WAIT)).isEqualTo("heartbeat");
        }
    }

    @Test
    void aBadFilterIsA400NamingItBeforeAnyStreamOpens() {
        GatewayClient.Answer answer = new GatewayClient(port, KEY).get("/tasks/changes?status=nope&colour=red",
                "Accept", "text/event-stream");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("status").contains("colour");
    }

    @Test
    void theStreamNeedsAKey() {
        GatewayClient.Answer answer = new GatewayClient(port, KEY).anonymous("/tasks/changes");
        assertThat(answer.status()).isEqualTo(401);
    }

    private SseClient open(String lastEventId) throws Exception {
        SseClient sse = new SseClient(HTTP, port, KEY, "/tasks/changes?source=" + SOURCE, lastEventId);
        assertThat(sse.status(WAIT)).isEqualTo(200);
        assertThat(sse.comment(WAIT)).isEqualTo("open");
        return sse;
    }

    /** A task of the source not used by another test yet, with that status (any when null). */
    private synchronized String unused(String status) {
        GatewayClient client = new GatewayClient(port, KEY);
        JsonNode items = client.get("/tasks?source=" + SOURCE + "&size=200"
                + (status == null ? "&status=SUCCEEDED" : "&status=" + status), "Cache-Control", "no-cache")
                .json().path("items");
        for (JsonNode item : items) {
            String id = item.path("id").asString();
            if (USED.add(id)) {
                return id;
            }
        }
        throw new AssertionError("no unused " + status + " task left in the simulator");
    }

    /** The POSTs the webhook received up to and including event {@code id}. */
    private static List<WebhookReceiver.Delivery> deliveriesUpTo(String id) throws InterruptedException {
        List<WebhookReceiver.Delivery> seen = new ArrayList<>();
        while (true) {
            WebhookReceiver.Delivery delivery = WEBHOOK.next(WAIT);
            seen.add(delivery);
            if (delivery.answered() == 204 && id.equals(delivery.eventId())) {
                return seen;
            }
        }
    }

    /** Waits until the webhook accepted an event about {@code task}; its id. */
    private static String webhookEventFor(String task) throws InterruptedException {
        while (true) {
            WebhookReceiver.Delivery delivery = WEBHOOK.next(WAIT);
            if (delivery.answered() == 204 && delivery.json().path("task").path("id").asString().equals(task)) {
                return delivery.eventId();
            }
        }
    }

    private static void webhookEventForUnchecked(String task) {
        try {
            webhookEventFor(task);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void upstream(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(TIKMATRIX.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"code\":0");
    }

    private static String nativeId(String id) {
        return id.substring(id.indexOf(':') + 1);
    }

    private static long sequence(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
