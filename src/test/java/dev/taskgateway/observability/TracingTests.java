package dev.taskgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.LonglonglongSimulator;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The span tree of one {@code /tasks} request over two sources (a TikMatrix and a Longlonglong
 * simulator on loopback, several upstream pages each): one server span, and one client span per
 * upstream call made on the fan-out threads, each in the request's trace, under its server span,
 * tagged with source, provider, page and outcome. Spans are caught in process by a span processor
 * next to Boot's own (OTLP export stays off: no endpoint is configured).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "taskgateway.sources.tik.type=tikmatrix",
        "taskgateway.sources.tik.timezone=Asia/Shanghai",
        "taskgateway.sources.tik.page-size=40",
        "resilience4j.retry.instances.tik.max-attempts=" + TracingTests.ATTEMPTS,
        "resilience4j.retry.instances.tik.wait-duration=20ms",
        "taskgateway.sources.ll.type=longlonglong",
        "taskgateway.sources.ll.page-size=15", // several pages of its 47 tasks, as for tik
        "taskgateway.security.api-keys[0].name=dashboard",
        "taskgateway.security.api-keys[0].key=tracing-key-000001",
        "taskgateway.security.api-keys[0].roles=read",
})
@ActiveProfiles("test")
@Import(TracingTests.Recording.class)
class TracingTests {

    static final int ATTEMPTS = 3;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("source");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("provider");
    private static final AttributeKey<String> PAGE = AttributeKey.stringKey("page");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
    private static final AttributeKey<String> URI = AttributeKey.stringKey("uri");

    static final SimulatorServer TIKMATRIX = SimulatorServer.start("tikmatrix", 0, Faults.NONE,
            new TikmatrixSimulator(130, 42, ZONE, LocalDateTime.now(ZONE)));
    static final SimulatorServer LONGLONGLONG = SimulatorServer.start("longlonglong", 0, Faults.NONE,
            new LonglonglongSimulator(47, 42, LonglonglongSimulator.DEMO_TOKEN, LonglonglongSimulator.DEMO_USER_ID,
                    LocalDateTime.now(LonglonglongSimulator.ZONE)));

    static final ConcurrentLinkedQueue<SpanData> ENDED = new ConcurrentLinkedQueue<>();
    static final BlockingQueue<SpanData> SERVER_SPANS = new LinkedBlockingQueue<>();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    /** Server spans of earlier tests' requests are theirs. */
    @BeforeEach
    void forgetEarlierServerSpans() {
        SERVER_SPANS.clear();
    }

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.tik.base-url", TIKMATRIX::baseUrl);
        registry.add("taskgateway.sources.ll.base-url", LONGLONGLONG::baseUrl);
        registry.add("taskgateway.sources.ll.token", () -> LonglonglongSimulator.DEMO_TOKEN);
        registry.add("taskgateway.sources.ll.user-id", () -> LonglonglongSimulator.DEMO_USER_ID);
    }

    @AfterAll
    static void stopSimulators() {
        List.of(TIKMATRIX, LONGLONGLONG).forEach(SimulatorServer::close);
    }

    @Test
    void oneTasksRequestIsOneTraceWithAChildSpanPerUpstreamCallOnTheFanOutThreads() throws InterruptedException {
        long tikBefore = TIKMATRIX.answered();
        long llBefore = LONGLONGLONG.answered();

        Answer answer = new GatewayClient(port, "tracing-key-000001").get("/tasks?size=20");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("complete").asBoolean()).isTrue();
        SpanData server = serverSpanOf("/tasks");
        List<SpanData> trace = ENDED.stream().filter(s -> s.getTraceId().equals(server.getTraceId())).toList();
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, s -> s));
        List<SpanData> upstream = trace.stream().filter(s -> s.getName().startsWith("upstream ")).toList();

        assertThat(server.getParentSpanContext().isValid()).as("the server span is the root").isFalse();
        assertThat(upstream).allSatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getName()).isEqualTo("upstream fetch");
            assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("success");
            assertThat(ancestors(span, byId)).as("%s descends from the server span", span).contains(server.getSpanId());
        });
        Map<String, List<SpanData>> bySource = upstream.stream()
                .collect(Collectors.groupingBy(s -> s.getAttributes().get(SOURCE)));
        assertThat(bySource).containsOnlyKeys("tik", "ll");
        assertThat(bySource.get("tik")).allSatisfy(s -> assertThat(s.getAttributes().get(PROVIDER)).isEqualTo("tikmatrix"));
        assertThat(bySource.get("ll")).allSatisfy(s -> assertThat(s.getAttributes().get(PROVIDER)).isEqualTo("longlonglong"));
        // One span per call the simulators answered, and the calls are the pages 1..n of each source.
        assertThat((long) bySource.get("tik").size()).isEqualTo(TIKMATRIX.answered() - tikBefore);
        assertThat((long) bySource.get("ll").size()).isEqualTo(LONGLONGLONG.answered() - llBefore);
        for (List<SpanData> spans : bySource.values()) {
            Set<Integer> pages = spans.stream().map(s -> Integer.valueOf(s.getAttributes().get(PAGE)))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(pages).hasSize(spans.size())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, spans.size()).boxed().toList());
        }
        assertThat(bySource.get("tik").size()).as("several pages: fan-out within a source too").isGreaterThan(1);
        assertThat(bySource.get("ll").size()).isGreaterThan(1);
    }

    @Test
    void aFailingCallIsASpanWithItsOutcomeAndEachRetryAttemptIsOneMore() throws InterruptedException {
        TIKMATRIX.faults(new Faults(Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, true));
        try {
            new GatewayClient(port, "tracing-key-000001").get("/tasks?size=5&source=tik", "Cache-Control", "no-cache");

            SpanData server = serverSpanOf("/tasks");
            List<SpanData> upstream = ENDED.stream().filter(s -> s.getTraceId().equals(server.getTraceId()))
                    .filter(s -> s.getName().startsWith("upstream ")).toList();
            assertThat(upstream).as("one span per attempt").hasSize(ATTEMPTS);
            assertThat(upstream).allSatisfy(span -> {
                assertThat(span.getAttributes().get(SOURCE)).isEqualTo("tik");
                assertThat(span.getAttributes().get(PAGE)).isEqualTo("1");
                assertThat(span.getAttributes().get(OUTCOME)).isEqualTo("unavailable");
                assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            });
        } finally {
            TIKMATRIX.faults(Faults.NONE);
        }
    }

    @Test
    void noSpanLeavesTheProcessUnlessAnOtlpEndpointIsConfigured() {
        assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
    }

    @Test
    void theResponseCarriesTheRequestIdAndTheTraceContinuesAnIncomingTraceparent() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Answer answer = new GatewayClient(port, "tracing-key-000001").get("/sources",
                "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        assertThat(answer.status()).isEqualTo(200);
        SpanData server = serverSpanOf("/sources");
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
    }

    @Test
    void probesAndScrapesAreNotTraced() throws InterruptedException {
        GatewayClient client = new GatewayClient(port, "tracing-key-000001");
        assertThat(client.anonymous("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(client.anonymous("/actuator/health/readiness").status()).isEqualTo(200);
        client.get("/sources");

        List<Object> before = new ArrayList<>();
        while (true) {
            SpanData span = SERVER_SPANS.poll(10, TimeUnit.SECONDS);
            assertThat(span).as("the server span of /sources").isNotNull();
            if ("/sources".equals(span.getAttributes().get(URI))) {
                break;
            }
            before.add(span.getAttributes().get(URI));
        }
        assertThat(before).as("spans before /sources's").noneMatch(uri -> String.valueOf(uri).startsWith("/actuator"));
    }

    /** The ids from {@code span}'s parent up to the root of what was recorded. */
    private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
        List<String> ids = new ArrayList<>();
        SpanData current = span;
        while (current.getParentSpanContext().isValid()) {
            String parent = current.getParentSpanContext().getSpanId();
            ids.add(parent);
            current = byId.get(parent);
            if (current == null) {
                break;
            }
        }
        return ids;
    }

    /** Waits for the server span of {@code uri}: it ends as the response is written, maybe just after the client read it. */
    private static SpanData serverSpanOf(String uri) throws InterruptedException {
        while (true) {
            SpanData span = SERVER_SPANS.poll(10, TimeUnit.SECONDS);
            assertThat(span).as("a server span for " + uri).isNotNull();
            if (uri.equals(span.getAttributes().get(URI))) {
                return span;
            }
        }
    }

    /** Keeps every ended span; Boot adds this processor to its tracer provider beside its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Recording {
        @Bean
        SpanProcessor recordingSpanProcessor() {
            return new SpanProcessor() {
                @Override
                public void onStart(Context parentContext, ReadWriteSpan span) {
                }

                @Override
                public boolean isStartRequired() {
                    return false;
                }

                @Override
                public void onEnd(ReadableSpan span) {
                    SpanData data = span.toSpanData();
                    ENDED.add(data);
                    if (data.getKind() == SpanKind.SERVER) {
                        SERVER_SPANS.add(data);
                    }
                }

                @Override
                public boolean isEndRequired() {
                    return true;
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            };
        }
    }
}
