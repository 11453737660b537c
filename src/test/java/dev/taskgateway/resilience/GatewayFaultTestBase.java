package dev.taskgateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.testing.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole gateway on a random port over three TikMatrix sources, each pointed at its own
 * WireMock server: {@code wm-a} and {@code wm-b} with a 500 ms time limit, {@code wm-c} with
 * 10 s, past the 3 s request deadline (for the deadline and single-flight rows, whose responses
 * a {@link Gate} holds until the test lets them go, so no row waits on a timed delay); 20 ms retry
 * backoff, and a small breaker on {@code wm-a} (4 calls, 50 %, half-open only when a test says so).
 * Time for the cache comes from a {@link MutableClock}. Every subclass shares this one Spring
 * context; each test starts from healthy upstreams, closed breakers and an empty cache.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "taskgateway.deadline=3s",
        "taskgateway.security.api-keys[0].name=t",
        "taskgateway.security.api-keys[0].key=test-key-faults-0001",
        "taskgateway.security.api-keys[0].roles=read,operate,admin",
        "taskgateway.sources.wm-a.type=tikmatrix",
        "taskgateway.sources.wm-a.timeout=500ms",
        "taskgateway.sources.wm-a.timezone=UTC",
        "taskgateway.sources.wm-a.cache.fresh-ttl=10s",
        "taskgateway.sources.wm-b.type=tikmatrix",
        "taskgateway.sources.wm-b.timeout=500ms",
        "taskgateway.sources.wm-b.timezone=UTC",
        "taskgateway.sources.wm-b.cache.fresh-ttl=10s",
        "taskgateway.sources.wm-c.type=tikmatrix",
        "taskgateway.sources.wm-c.timeout=10s",
        "taskgateway.sources.wm-c.timezone=UTC",
        "taskgateway.sources.wm-c.cache.fresh-ttl=10s",
        "resilience4j.retry.configs.default.wait-duration=20ms",
        "resilience4j.circuitbreaker.instances.wm-a.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.wm-a.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.wm-a.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.instances.wm-a.wait-duration-in-open-state=1h",
        "resilience4j.circuitbreaker.instances.wm-a.permitted-number-of-calls-in-half-open-state=1",
})
@ActiveProfiles("faults")
abstract class GatewayFaultTestBase {

    static final String TASKS = "/api/v1/task";
    static final Gate GATE = new Gate();
    static final WireMockServer A = start();
    static final WireMockServer B = start();
    static final WireMockServer C = start();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The cache's clock: the tests move it. */
    @TestBean
    Clock clock;

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    ReadCache reads;
    @Autowired
    MeterRegistry meters;

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.wm-a.base-url", A::baseUrl);
        registry.add("taskgateway.sources.wm-b.base-url", B::baseUrl);
        registry.add("taskgateway.sources.wm-c.base-url", C::baseUrl);
    }

    private static boolean warm;

    @BeforeEach
    void healthyUpstreams() {
        GATE.open();
        stubHealthyUpstreams();
        if (!warm) {
            // A cold JVM's first upstream calls can outlast the short time limits; no test should see that.
            call("/tasks");
            call("/tasks?include=raw");
            warm = true;
            stubHealthyUpstreams();
        }
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        reads.invalidateAll();
    }

    private static void stubHealthyUpstreams() {
        for (WireMockServer server : List.of(A, B, C)) {
            server.resetAll();
        }
        A.stubFor(list().willReturn(tasks(1, 3)));
        B.stubFor(list().willReturn(tasks(11, 2)));
        C.stubFor(list().willReturn(tasks(21, 2)));
    }

    /** Any list call. */
    static MappingBuilder list() {
        return get(urlPathEqualTo(TASKS));
    }

    /** A TikMatrix list page with {@code count} tasks, ids from {@code firstId}; the third is in unknown status 7. */
    static ResponseDefinitionBuilder tasks(int firstId, int count) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append("{\"id\":").append(firstId + i).append(",\"status\":")
                    .append(i == 2 ? 7 : 1).append(",\"script_name\":\"post\",\"username\":\"dev").append(firstId + i)
                    .append("\",\"created_at\":\"2026-02-0").append(1 + i).append(" 10:00:00\"}");
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":0,\"message\":\"ok\",\"data\":{\"tasks\":[" + items + "],\"total\":" + count
                        + ",\"page\":1,\"page_size\":100}}");
    }

    /** List calls the server received since the test began. */
    static int hits(WireMockServer server) {
        return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(TASKS)).build()).getCount();
    }

    /** One gateway answer. */
    record Answer(int status, Map<String, List<String>> headers, JsonNode body, long millis) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The report of one source in {@code sources[]}. */
        JsonNode source(String id) {
            for (JsonNode source : body.path("sources")) {
                if (source.path("id").asString().equals(id)) {
                    return source;
                }
            }
            throw new AssertionError("no report for " + id + " in " + body);
        }

        /** Asserts a source's state and error code (null: no error). */
        Answer hasSource(String id, String state, String errorCode) {
            JsonNode source = source(id);
            assertThat(source.path("state").asString()).as("state of " + id + " in " + body).isEqualTo(state);
            if (errorCode == null) {
                assertThat(source.has("error")).as("error of " + id).isFalse();
            } else {
                assertThat(source.path("error").path("code").asString()).as("error of " + id + " in " + body)
                        .isEqualTo(errorCode);
            }
            return this;
        }

        /** Asserts that every one of a source's tasks is among the items. */
        Answer hasAllTasksOf(String id, int count) {
            List<String> ids = new ArrayList<>();
            body.path("items").forEach(item -> {
                if (item.path("source").asString().equals(id)) {
                    ids.add(item.path("id").asString());
                }
            });
            assertThat(ids).as("tasks of " + id).hasSize(count);
            return this;
        }
    }

    Answer call(String path, String... headers) {
        return callAs("test-key-faults-0001", path, headers);
    }

    /** A call with that API key, or none when null. */
    Answer callAs(String key, String path, String... headers) {
        long start = System.nanoTime();
        try {
            return parse(HTTP.send(request(key, path, headers), HttpResponse.BodyHandlers.ofString()), start);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<Answer> callAsync(String path, String... headers) {
        long start = System.nanoTime();
        return HTTP.sendAsync(request("test-key-faults-0001", path, headers), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> parse(response, start));
    }

    /** The Prometheus scrape as text. */
    String scrapeText() {
        try {
            return HTTP.send(request("test-key-faults-0001", "/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String key, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.build();
    }

    private static Answer parse(HttpResponse<String> response, long startNanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        String body = response.body();
        JsonNode json = body == null || body.isBlank() || !body.trim().startsWith("{") ? JSON.createObjectNode()
                : JSON.readTree(body);
        return new Answer(response.statusCode(), response.headers().map(), json, millis);
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(60).extensions(GATE));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    /** Holds responses of stubs that name it until a test opens it (10 s at most). */
    static final class Gate implements ResponseDefinitionTransformerV2 {
        private volatile CountDownLatch latch = new CountDownLatch(0);
        private final AtomicInteger holding = new AtomicInteger();

        void close() {
            latch = new CountDownLatch(1);
        }

        void open() {
            latch.countDown();
        }

        /** Responses waiting at the gate now. */
        int holding() {
            return holding.get();
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            holding.incrementAndGet();
            try {
                latch.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                holding.decrementAndGet();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "gate";
        }
    }
}
