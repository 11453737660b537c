package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskgateway.core.ItemOutcome;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.Fixtures;
import dev.taskgateway.providers.UpstreamHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batch delete checks which ids exist with a bounded number of reads in flight, not one after
 * another. The fake PC holds every read until eight are in flight together: checks made one at a
 * time would each wait there, so the old sequential loop fails on the {@code @Timeout}.
 */
@Timeout(20)
class TikmatrixBatchDeleteTests {

    private static final int PARALLEL = 8;

    private final CountDownLatch eightInFlight = new CountDownLatch(PARALLEL);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<String> batchBodies = new CopyOnWriteArrayList<>();
    private ExecutorService threads;
    private HttpServer pc;
    private TikmatrixTaskSource source;

    @BeforeEach
    void start() throws IOException {
        threads = Executors.newFixedThreadPool(32);
        pc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pc.setExecutor(threads);
        pc.createContext("/api/v1/task/", this::answer);
        pc.start();
        source = TikmatrixTestSources.source("http://127.0.0.1:" + pc.getAddress().getPort(), ZoneId.of("UTC"),
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        pc.stop(0);
        threads.shutdownNow();
    }

    @Test
    void existenceIsCheckedEightAtATimeAndOnlyExistingTasksAreDeleted() {
        List<String> ids = IntStream.rangeClosed(1, 40).mapToObj(Integer::toString).toList();

        List<ItemOutcome> outcomes = source.deleteAll(ids);

        assertThat(mostInFlight).hasValue(PARALLEL);
        assertThat(outcomes).hasSize(40);
        assertThat(outcomes.stream().filter(o -> o.outcome() == ItemOutcome.Outcome.DONE)
                .map(o -> o.id().nativeId())).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, 20).map(i -> i * 2).mapToObj(Integer::toString).toList());
        assertThat(outcomes.stream().filter(o -> o.outcome() == ItemOutcome.Outcome.NOT_FOUND)).hasSize(20);
        assertThat(batchBodies).hasSize(1);
        assertThat(batchBodies.get(0)).contains("\"task_ids\"").contains("40").doesNotContain("39");
    }

    @Test
    void aRepeatedIdIsCheckedAndReportedOnce() {
        IntStream.range(0, PARALLEL).forEach(i -> eightInFlight.countDown()); // reads pass at once here
        List<ItemOutcome> outcomes = source.deleteAll(List.of("2", "2", "x"));

        assertThat(outcomes).extracting(o -> o.id().nativeId() + "=" + o.outcome())
                .containsExactlyInAnyOrder("2=DONE", "x=NOT_FOUND");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String last = exchange.getRequestURI().getPath().substring("/api/v1/task/".length());
        if (last.equals("batch")) {
            batchBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "{\"code\":0,\"message\":\"success\",\"data\":{\"deleted_count\":1}}");
            return;
        }
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        eightInFlight.countDown();
        try {
            // Released once eight reads are in flight together; a lone read waits here in vain.
            eightInFlight.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        if (Integer.parseInt(last) % 2 == 0) {
            respond(exchange, 200, Fixtures.read("tikmatrix", "detail.json"));
        } else {
            respond(exchange, 404, "{\"code\":40401,\"message\":\"task not found\"}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
