package dev.taskgateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One test per row of the fault matrix (issue 6): what a client of {@code GET /tasks} sees when
 * {@code wm-a} (or every source) misbehaves, over real HTTP both ways. Each asserts the status,
 * {@code complete}, every source's state and error code, that the healthy sources' tasks are all
 * there, and how often the upstream was called.
 */
class FaultMatrixTests extends GatewayFaultTestBase {

    private static final String LIST = "/tasks?size=50";

    @Test
    void fiveHundredBurstOpensTheBreakerWhichKeepsCallsAwayUntilAHalfOpenProbeClosesIt() {
        A.stubFor(list().willReturn(aResponse().withStatus(503).withBody("busy")));

        call(LIST).hasSource("wm-a", "ERROR", "UPSTREAM_UNAVAILABLE");
        assertThat(hits(A)).as("first request: 3 attempts").isEqualTo(3);

        Answer opened = call(LIST);
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.body().path("complete").asBoolean()).isFalse();
        opened.hasSource("wm-a", "CIRCUIT_OPEN", "CIRCUIT_OPEN").hasSource("wm-b", "OK", null)
                .hasSource("wm-c", "OK", null).hasAllTasksOf("wm-b", 2).hasAllTasksOf("wm-c", 2);
        assertThat(hits(A)).as("the 4th failure opened it; the retry was refused").isEqualTo(4);
        assertThat(breakers.circuitBreaker("wm-a").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        call(LIST).hasSource("wm-a", "CIRCUIT_OPEN", "CIRCUIT_OPEN");
        assertThat(hits(A)).as("open: the provider is not called").isEqualTo(4);

        A.stubFor(list().willReturn(tasks(1, 3)));
        breakers.circuitBreaker("wm-a").transitionToHalfOpenState();
        Answer closed = call(LIST);
        closed.hasSource("wm-a", "OK", null).hasAllTasksOf("wm-a", 3);
        assertThat(closed.body().path("complete").asBoolean()).isTrue();
        assertThat(hits(A)).isEqualTo(5);
        assertThat(breakers.circuitBreaker("wm-a").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void firstByteLaterThanTheTimeLimitIsATimeoutAfterRetries() {
        A.stubFor(list().willReturn(tasks(1, 3).withFixedDelay(2_000)));

        assertOnlyWmAFailed(call(LIST), "TIMEOUT", "UPSTREAM_TIMEOUT");
        assertThat(hits(A)).isEqualTo(3);
    }

    @Test
    void bodyDribblingPastTheTimeLimitIsATimeout() {
        A.stubFor(list().willReturn(tasks(1, 3).withChunkedDribbleDelay(10, 2_500)));

        assertOnlyWmAFailed(call(LIST), "TIMEOUT", "UPSTREAM_TIMEOUT");
        assertThat(hits(A)).isEqualTo(3);
    }

    @Test
    void connectionResetIsUnavailableAfterRetries() {
        A.stubFor(list().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertOnlyWmAFailed(call(LIST), "ERROR", "UPSTREAM_UNAVAILABLE");
        assertThat(hits(A)).isEqualTo(3);
    }

    @Test
    void malformedJsonIsABadResponseNotRetried() {
        A.stubFor(list().willReturn(aResponse().withStatus(200).withBody("{\"code\":0,\"data\":{\"tasks\":[")));

        assertOnlyWmAFailed(call(LIST), "ERROR", "UPSTREAM_BAD_RESPONSE");
        assertThat(hits(A)).isEqualTo(1);
    }

    @Test
    void emptyOkBodyIsABadResponseNotRetried() {
        A.stubFor(list().willReturn(aResponse().withStatus(200)));

        assertOnlyWmAFailed(call(LIST), "ERROR", "UPSTREAM_BAD_RESPONSE");
        assertThat(hits(A)).isEqualTo(1);
    }

    @Test
    void htmlErrorPageWithOkStatusIsABadResponseNotRetried() {
        A.stubFor(list().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>Maintenance</h1></body></html>")));

        Answer answer = call(LIST);

        assertOnlyWmAFailed(answer, "ERROR", "UPSTREAM_BAD_RESPONSE");
        assertThat(answer.source("wm-a").path("error").path("message").asString()).doesNotContain("<html>");
        assertThat(hits(A)).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWithRetryAfterPastTheDeadlineIsNotRetriedAndPassesTheHintOn() {
        A.stubFor(list().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        Answer answer = call(LIST);

        assertOnlyWmAFailed(answer, "RATE_LIMITED", "UPSTREAM_RATE_LIMITED");
        assertThat(answer.source("wm-a").path("error").path("retryAfterSeconds").asLong()).isEqualTo(30);
        assertThat(hits(A)).isEqualTo(1);
    }

    @Test
    void tooManyRequestsWithRetryAfterWithinTheDeadlineIsWaitedOutAndRetried() {
        A.stubFor(list().inScenario("429").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        A.stubFor(list().inScenario("429").whenScenarioStateIs("served").willReturn(tasks(1, 3)));

        Answer answer = call(LIST);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("complete").asBoolean()).isTrue();
        answer.hasSource("wm-a", "OK", null).hasSource("wm-b", "OK", null).hasSource("wm-c", "OK", null)
                .hasAllTasksOf("wm-a", 3).hasAllTasksOf("wm-b", 2).hasAllTasksOf("wm-c", 2);
        assertThat(hits(A)).isEqualTo(2);
        assertThat(answer.millis()).as("waited the Retry-After second").isGreaterThanOrEqualTo(1_000);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterIsRetriedWithBackoff() {
        A.stubFor(list().willReturn(aResponse().withStatus(429)));

        Answer answer = call(LIST);

        assertOnlyWmAFailed(answer, "RATE_LIMITED", "UPSTREAM_RATE_LIMITED");
        assertThat(answer.source("wm-a").path("error").has("retryAfterSeconds")).isFalse();
        assertThat(hits(A)).isEqualTo(3);
    }

    @Test
    void upstreamAuthFailureIsNeitherRetriedNorCountedByTheBreaker() {
        A.stubFor(list().willReturn(aResponse().withStatus(401)));

        for (int i = 0; i < 5; i++) {
            assertOnlyWmAFailed(call(LIST), "ERROR", "UPSTREAM_AUTH_FAILED");
        }

        assertThat(hits(A)).isEqualTo(5);
        assertThat(breakers.circuitBreaker("wm-a").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breakers.circuitBreaker("wm-a").getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void everySourceFailingIsBadGateway() {
        for (var server : List.of(A, B, C)) {
            server.stubFor(list().willReturn(aResponse().withStatus(500)));
        }

        Answer answer = call(LIST);

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        answer.hasSource("wm-a", "ERROR", "UPSTREAM_UNAVAILABLE").hasSource("wm-b", "ERROR", "UPSTREAM_UNAVAILABLE")
                .hasSource("wm-c", "ERROR", "UPSTREAM_UNAVAILABLE");
    }

    @Test
    void everySourceOpenOrRateLimitedIsServiceUnavailableWithRetryAfter() {
        breakers.circuitBreaker("wm-a").transitionToOpenState();
        breakers.circuitBreaker("wm-b").transitionToOpenState();
        C.stubFor(list().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        Answer answer = call(LIST);

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("30");
        answer.hasSource("wm-a", "CIRCUIT_OPEN", "CIRCUIT_OPEN").hasSource("wm-b", "CIRCUIT_OPEN", "CIRCUIT_OPEN")
                .hasSource("wm-c", "RATE_LIMITED", "UPSTREAM_RATE_LIMITED");
        assertThat(hits(A) + hits(B)).isZero();
    }

    @Test
    void everySourceTimingOutIsGatewayTimeoutAndStillOnTime() {
        A.stubFor(list().willReturn(tasks(1, 3).withFixedDelay(2_000)));
        B.stubFor(list().willReturn(tasks(11, 2).withFixedDelay(2_000)));
        Answer answer = whileWmCIsHeld();

        assertThat(answer.status()).isEqualTo(504);
        answer.hasSource("wm-a", "TIMEOUT", "UPSTREAM_TIMEOUT").hasSource("wm-b", "TIMEOUT", "UPSTREAM_TIMEOUT")
                .hasSource("wm-c", "TIMEOUT", "UPSTREAM_TIMEOUT");
        assertEndedByTheDeadline(answer);
    }

    @Test
    void sourceStillWorkingAtTheDeadlineIsATimeoutAndTheOthersAnswerOnTime() {
        Answer answer = whileWmCIsHeld();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("complete").asBoolean()).isFalse();
        answer.hasSource("wm-a", "OK", null).hasSource("wm-b", "OK", null).hasSource("wm-c", "TIMEOUT", "UPSTREAM_TIMEOUT")
                .hasAllTasksOf("wm-a", 3).hasAllTasksOf("wm-b", 2);
        assertEndedByTheDeadline(answer);
    }

    @Test
    void sourceStillWorkingAtTheDeadlineWithCachedPagesIsServedStaleOnTime() {
        call(LIST).hasSource("wm-c", "OK", null);
        CLOCK.advance(Duration.ofSeconds(60));
        Answer answer = whileWmCIsHeld();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("complete").asBoolean()).isFalse();
        answer.hasSource("wm-a", "OK", null).hasSource("wm-b", "OK", null).hasSource("wm-c", "STALE", "UPSTREAM_TIMEOUT")
                .hasAllTasksOf("wm-a", 3).hasAllTasksOf("wm-b", 2).hasAllTasksOf("wm-c", 2);
        assertThat(answer.source("wm-c").path("ageSeconds").asLong()).isEqualTo(60);
    }

    @Test
    void providerDownWhileItsPagesAreCachedIsServedStaleWhateverTheFailure() {
        Answer fresh = call(LIST);
        String fetchedAt = fresh.source("wm-a").path("fetchedAt").asString();
        CLOCK.advance(Duration.ofSeconds(60));

        A.stubFor(list().willReturn(aResponse().withStatus(500)));
        Answer down = call(LIST);
        assertStale(down, "UPSTREAM_UNAVAILABLE");
        assertThat(down.source("wm-a").path("fetchedAt").asString()).isEqualTo(fetchedAt);
        assertThat(down.source("wm-a").path("ageSeconds").asLong()).isEqualTo(60);

        breakers.circuitBreaker("wm-a").reset();
        A.stubFor(list().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        assertStale(call(LIST), "UPSTREAM_RATE_LIMITED");

        breakers.circuitBreaker("wm-a").transitionToOpenState();
        int before = hits(A);
        assertStale(call(LIST), "CIRCUIT_OPEN");
        assertThat(hits(A)).isEqualTo(before);
    }

    @Test
    void fiftyConcurrentIdenticalRequestsMakeOneUpstreamCall() {
        GATE.close();
        C.stubFor(list().willReturn(tasks(21, 2).withTransformers("gate")));
        double missesBefore = misses("wm-c");

        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(callAsync("/tasks?source=wm-c&size=50", "Cache-Control", "no-cache"));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> misses("wm-c") >= missesBefore + 50);
        GATE.open();

        for (CompletableFuture<Answer> future : answers) {
            Answer answer = future.join();
            assertThat(answer.status()).as(answer.millis() + " ms: " + answer.body()).isEqualTo(200);
            assertThat(answer.body().path("complete").asBoolean()).isTrue();
            answer.hasSource("wm-c", "OK", null).hasSource("wm-a", "SKIPPED", null).hasSource("wm-b", "SKIPPED", null)
                    .hasAllTasksOf("wm-c", 2);
        }
        assertThat(hits(C)).isEqualTo(1);
    }

    /**
     * The answer to {@link #LIST} while {@code wm-c} (time limit 10 s, past the 3 s deadline) holds
     * its response at the gate: asserted to come while the response is still held, so the gateway
     * stopped waiting at its deadline, not when the provider answered. Then lets it go.
     */
    private Answer whileWmCIsHeld() {
        GATE.close();
        C.stubFor(list().willReturn(tasks(21, 2).withTransformers("gate")));
        try {
            Answer answer = call(LIST);
            assertThat(GATE.holding()).as("wm-c's response still held when the gateway answered").isEqualTo(1);
            return answer;
        } finally {
            GATE.open();
        }
    }

    /** wm-c's report says the request's deadline ended it, not its own time limit. */
    private static void assertEndedByTheDeadline(Answer answer) {
        assertThat(answer.source("wm-c").path("error").path("message").asString()).contains("deadline");
    }

    private double misses(String source) {
        return meters.get("taskgateway.cache.requests").tag("source", source).tag("result", "miss").counter().count();
    }

    private static void assertOnlyWmAFailed(Answer answer, String state, String code) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("complete").asBoolean()).isFalse();
        answer.hasSource("wm-a", state, code).hasSource("wm-b", "OK", null).hasSource("wm-c", "OK", null)
                .hasAllTasksOf("wm-a", 0).hasAllTasksOf("wm-b", 2).hasAllTasksOf("wm-c", 2);
    }

    private static void assertStale(Answer answer, String code) {
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("complete").asBoolean()).isFalse();
        answer.hasSource("wm-a", "STALE", code).hasSource("wm-b", "OK", null).hasSource("wm-c", "OK", null)
                .hasAllTasksOf("wm-a", 3).hasAllTasksOf("wm-b", 2).hasAllTasksOf("wm-c", 2);
    }
}
