package dev.taskgateway.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import dev.taskgateway.api.RenderedLists;
import tools.jackson.databind.JsonNode;

/**
 * What operators and clients see besides the list: probes, the {@code sources} health component,
 * Prometheus meters, {@code /sources}, ETags and {@code Cache-Control: no-cache}. Same context as
 * {@link FaultMatrixTests}.
 */
class OperationsEndpointsTests extends GatewayFaultTestBase {

    @Autowired
    RenderedLists renderedLists;

    @Test
    void probesStayUpAndHealthShowsEachSourcesBreakerWhenEveryProviderIsDown() {
        CLOCK.advance(Duration.ofSeconds(1));
        for (var server : List.of(A, B, C)) {
            server.stubFor(list().willReturn(aResponse().withStatus(503)));
        }
        assertThat(call("/tasks").status()).isEqualTo(502);
        breakers.circuitBreaker("wm-a").transitionToOpenState();

        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            Answer answer = callWithoutKey(probe);
            assertThat(answer.status()).as(probe).isEqualTo(200);
            assertThat(answer.body().path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(answer.body().path("components").has("sources")).as(probe).isFalse();
        }
        Answer anonymous = callWithoutKey("/actuator/health");
        JsonNode anonymousSources = anonymous.body().path("components").path("sources");
        assertThat(anonymousSources.path("status").asString()).isEqualTo("UP");
        assertThat(anonymousSources.has("details")).isFalse();
        Answer health = call("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        JsonNode sources = health.body().path("components").path("sources");
        assertThat(sources.path("status").asString()).isEqualTo("UP");
        assertThat(sources.path("details").path("wm-a").path("circuit").asString()).isEqualTo("OPEN");
        assertThat(sources.path("details").path("wm-a").path("state").asString()).isEqualTo("CIRCUIT_OPEN");
        assertThat(sources.path("details").path("wm-b").path("circuit").asString()).isEqualTo("CLOSED");
        assertThat(sources.path("details").path("wm-b").path("state").asString()).isEqualTo("FAILING");
        assertThat(sources.path("details").path("wm-b").path("lastErrorCode").asString()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(sources.path("details").path("wm-b").has("lastFailure")).isTrue();
    }

    @Test
    void prometheusShowsUpstreamLatencyCacheResultsBreakerStatesAndUnknownStatuses() {
        call("/tasks");
        call("/tasks");

        Answer scrape = call("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        String text = scrapeText();
        assertThat(text)
                .contains("taskgateway_upstream_requests_seconds_count{outcome=\"success\",provider=\"tikmatrix\",source=\"wm-a\"}")
                .contains("taskgateway_upstream_requests_seconds_bucket{outcome=\"success\",provider=\"tikmatrix\",source=\"wm-a\"")
                .contains("taskgateway_cache_requests_total{result=\"hit\",source=\"wm-a\"}")
                .contains("taskgateway_cache_requests_total{result=\"miss\",source=\"wm-a\"}")
                .contains("taskgateway_cache_requests_total{result=\"stale\",source=\"wm-a\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"wm-a\",state=\"closed\"} 1.0")
                .contains("taskgateway_tasks_unknown_status_total{native=\"7\",provider=\"tikmatrix\",source=\"wm-a\"}")
                .contains("taskgateway_cache_tasks ")
                .contains("taskgateway_changes_streams ")
                .contains("taskgateway_changes_watched ")
                .contains("taskgateway_changes_detected_total ")
                .contains("taskgateway_budget_remaining{scope=\"source:wm-a\"}");
    }

    @Test
    void prometheusNeedsTheAdminRole() {
        assertThat(callWithoutKey("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Test
    void sourcesShowBreakerLatencyAndCacheEntries() {
        call("/tasks");

        Answer answer = call("/sources");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode a = null;
        for (JsonNode source : answer.body().path("sources")) {
            if (source.path("id").asString().equals("wm-a")) {
                a = source;
            }
        }
        assertThat(a).isNotNull();
        assertThat(a.path("circuit").asString()).isEqualTo("CLOSED");
        assertThat(a.path("cacheEntries").asLong()).isEqualTo(1);
        assertThat(a.path("latency").path("p50Ms").isNumber()).isTrue();
        assertThat(a.path("latency").path("p95Ms").asLong()).isGreaterThanOrEqualTo(a.path("latency").path("p50Ms").asLong());
        assertThat(a.has("lastSuccess")).isTrue();
    }

    @Test
    void unchangedListRevalidatesAs304AndTheAnswersStayRevalidatable() {
        Answer first = call("/tasks");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("W/\"");
        assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(first.header("X-Content-Type-Options")).isEqualTo("nosniff");

        Answer again = call("/tasks", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);

        A.stubFor(list().willReturn(tasks(1, 4)));
        Answer changed = call("/tasks", "If-None-Match", etag, "Cache-Control", "no-cache");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void aRepeatedListIsAnsweredFromItsRenderingUntilAHeldReadChanges() {
        call("/tasks");                       // reads every source: not kept, the reads changed meanwhile
        Answer rendered = call("/tasks");     // every source fresh: rendered and kept
        long reusedBefore = renderedLists.reused();

        Answer again = call("/tasks");

        assertThat(renderedLists.reused()).isEqualTo(reusedBefore + 1);
        assertThat(again.body()).isEqualTo(rendered.body());
        assertThat(again.header("ETag")).isEqualTo(rendered.header("ETag"));
        assertThat(again.header("Cache-Control")).isEqualTo("private, no-cache");
        assertThat(call("/tasks", "If-None-Match", rendered.header("ETag")).status()).isEqualTo(304);
        assertThat(hits(A)).isEqualTo(1);

        A.stubFor(list().willReturn(tasks(1, 4)));
        reads.invalidate("wm-a");             // what an action on wm-a does
        Answer changed = call("/tasks");

        assertThat(changed.body().path("items").size()).isEqualTo(again.body().path("items").size() + 1);
        assertThat(changed.header("ETag")).isNotEqualTo(rendered.header("ETag"));
        assertThat(hits(A)).isEqualTo(2);
    }

    @Test
    void aListWithAStaleSourceIsNeverReusedSoTheNextRequestAsksItAgain() {
        call("/tasks");
        CLOCK.advance(Duration.ofSeconds(11));
        A.stubFor(list().willReturn(aResponse().withStatus(503)));
        call("/tasks");                       // every read refreshed (wm-a failing): the reads changed
        long reusedBefore = renderedLists.reused();

        Answer stale = call("/tasks");        // wm-b and wm-c fresh and unchanged, wm-a stale
        Answer again = call("/tasks");

        assertThat(stale.source("wm-a").path("state").asString()).isEqualTo("STALE");
        assertThat(again.source("wm-a").path("state").asString()).isEqualTo("STALE");
        assertThat(renderedLists.reused()).isEqualTo(reusedBefore);
    }

    @Test
    void detailAndSourcesAnswersCarryETagsToo() {
        for (String path : List.of("/tasks/wm-a:1", "/sources")) {
            stubDetail();
            Answer first = call(path);
            assertThat(first.header("ETag")).as(path).isNotNull();
            if (path.startsWith("/tasks/")) {
                assertThat(call(path, "If-None-Match", first.header("ETag")).status()).as(path).isEqualTo(304);
            }
        }
    }

    @Test
    void noCacheSkipsFreshPagesButOrdinaryRequestsUseThem() {
        call("/tasks");
        call("/tasks");
        assertThat(hits(A)).isEqualTo(1);

        call("/tasks", "Cache-Control", "no-cache");

        assertThat(hits(A)).isEqualTo(2);
    }

    @Test
    void cachedPageIsRefetchedOnceItsFreshTtlHasPassed() {
        call("/tasks");
        CLOCK.advance(Duration.ofSeconds(9));
        call("/tasks");
        assertThat(hits(A)).isEqualTo(1);

        CLOCK.advance(Duration.ofSeconds(1));
        call("/tasks");

        assertThat(hits(A)).isEqualTo(2);
    }

    @Test
    void sourcesShowTheProviderBudgetTheyShareAndWhatIsLeftOfIt() {
        call("/tasks");

        JsonNode budget = StreamSupport.stream(call("/sources").body().path("sources").spliterator(), false)
                .filter(source -> source.path("id").asString().equals("wm-a")).findFirst().orElseThrow()
                .path("budget");

        assertThat(budget.path("limit").asInt()).isEqualTo(1200);
        assertThat(budget.path("periodSeconds").asLong()).isEqualTo(60);
        assertThat(budget.path("scope").asString()).isEqualTo("source:wm-a");
        assertThat(budget.path("remaining").asInt()).isBetween(1, 1199);
    }

    private void stubDetail() {
        A.stubFor(get(urlPathEqualTo(TASKS + "/1"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":0,\"data\":{\"id\":1,\"status\":1,\"script_name\":\"post\","
                                + "\"created_at\":\"2026-02-01 10:00:00\"}}")));
    }

    private Answer callWithoutKey(String path) {
        return callAs(null, path);
    }
}
