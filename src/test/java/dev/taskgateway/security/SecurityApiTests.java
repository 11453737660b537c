package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.security.HttpProbe.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;

/** Roles on the actuator, what anonymous health callers see, the per-key rate limit and CORS. */
class SecurityApiTests extends SecuredGatewayTestBase {

    @Test
    void actuatorEndpointsNeedTheAdminRole() {
        HttpProbe http = probe();
        for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/info")) {
            Answer reader = http.get(path, "X-API-Key", READ_KEY);
            Answer operator = http.get(path, "Authorization", "Bearer " + OPS_KEY);
            Answer admin = http.get(path, "X-API-Key", ADMIN_KEY);
            Answer anonymous = http.get(path);

            assertThat(reader.status()).as(path).isEqualTo(403);
            assertThat(reader.isProblem()).isTrue();
            assertThat(reader.json().path("type").asString()).isEqualTo("/problems/forbidden");
            assertThat(operator.status()).as(path).isEqualTo(403);
            assertThat(admin.status()).as(path).isEqualTo(200);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aMetricsKeyScrapesPrometheusAndOpensNoOtherEndpoint() {
        HttpProbe http = probe();
        Answer scrape = http.get("/actuator/prometheus", "X-API-Key", METRICS_KEY);

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        assertThat(scrape.body()).contains("taskgateway_cache_tasks ").contains("http_server_requests_seconds_bucket");
        for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/metrics",
                "/actuator/metrics/jvm.memory.used", "/actuator/info", "/actuator", "/tasks", "/sources")) {
            Answer answer = http.get(path, "X-API-Key", METRICS_KEY);
            assertThat(answer.status()).as(path).isEqualTo(403);
            assertThat(answer.isProblem()).as(path).isTrue();
        }
        Answer action = http.send("POST", "/tasks/tm-a:1/stop", null, "X-API-Key", METRICS_KEY);
        assertThat(action.status()).isEqualTo(403);
        JsonNode health = http.get("/actuator/health", "X-API-Key", METRICS_KEY).json();
        assertThat(health.path("components").path("sources").has("details")).as("health details need read or admin")
                .isFalse();
    }

    @Test
    void errorsTheActuatorLeavesEmptyAndUnreadableAcceptHeadersGetProblemBodies() {
        for (String path : List.of("/actuator/health/nope", "/actuator/env/nope.nothing", "/actuator/metrics/nope")) {
            Answer answer = probe().get(path, "X-API-Key", ADMIN_KEY);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.isProblem()).as(answer.all()).isTrue();
            assertThat(answer.header("X-Request-Id")).isNotBlank();
        }
        Answer garbage = probe().get("/tasks", "X-API-Key", READ_KEY, "Accept", "garbage");
        assertThat(garbage.status()).isEqualTo(406);
        assertThat(garbage.isProblem()).as(garbage.all()).isTrue();
    }

    @Test
    void pathsNothingAnswersAreNotFoundProblemsInOurWords() {
        for (String path : List.of("/nope", "/sources/nope", "/tasks/a/b/c", "/console/nope.js")) {
            Answer answer = probe().get(path, "X-API-Key", READ_KEY);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.json().path("type").asString()).isEqualTo("/problems/not-found");
            assertThat(answer.json().path("detail").asString()).as(answer.all())
                    .isEqualTo("no such endpoint or resource");
        }
    }

    @Test
    void anonymousHealthShowsEachComponentsStatusButNoDetailsWhichKeysWithReadOrAdminSee() {
        JsonNode anonymous = probe().get("/actuator/health").json();
        JsonNode admin = probe().get("/actuator/health", "X-API-Key", ADMIN_KEY).json();
        JsonNode reader = probe().get("/actuator/health", "X-API-Key", READ_KEY).json();

        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.path("components").path("diskSpace").path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.toString()).doesNotContain("details").doesNotContain("path").doesNotContain("tm-a");
        assertThat(reader.path("components").path("diskSpace").path("details").path("path").isString()).isTrue();
        assertThat(admin.path("components").path("diskSpace").path("details").path("path").isString()).isTrue();
    }

    @Test
    void probesAndTheOpenApiDocumentAreOpen() {
        assertThat(probe().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(probe().get("/actuator/health/readiness").status()).isEqualTo(200);
        Answer docs = probe().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/tasks")).isTrue();
    }

    @Test
    void aKeyOverItsRateLimitGets429WithRetryAfterAndOtherKeysAreUnaffected() {
        HttpProbe http = probe();
        int before = upstreamRequests();
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/sources", "X-API-Key", LIMITED_KEY).status()).isEqualTo(200);
        }

        Answer refused = http.get("/tasks", "X-API-Key", LIMITED_KEY);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().path("type").asString()).isEqualTo("/problems/rate-limited");
        assertThat(refused.json().path("detail").asString()).contains("'limited'").contains("3 requests per 600s");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(upstreamRequests()).as("a refused request reaches no upstream").isEqualTo(before);
        assertThat(http.get("/sources", "X-API-Key", READ_KEY).status()).isEqualTo(200);
    }

    @Test
    void preflightFromAnAllowedOriginGetsCorsHeadersWithoutAKey() {
        Answer preflight = probe().send("OPTIONS", "/tasks", null, "Origin", ALLOWED_ORIGIN,
                "Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-api-key");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("DELETE");
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        Answer preflight = probe().send("OPTIONS", "/tasks", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        Answer call = probe().get("/sources", "Origin", "https://evil.example", "X-API-Key", READ_KEY);
        Answer allowed = probe().get("/sources", "Origin", ALLOWED_ORIGIN, "X-API-Key", READ_KEY);

        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.header("Access-Control-Allow-Origin")).isNull();
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED_ORIGIN);
        assertThat(allowed.header("Access-Control-Expose-Headers")).contains("X-Request-Id");
    }

    @Test
    void anEmptyAllowListAnswersNoCorsConfigurationForAnyOrigin() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tasks");
        request.addHeader("Origin", ALLOWED_ORIGIN);

        assertThat(CorsAllowList.of(List.of()).getCorsConfiguration(request)).isNull();
        assertThat(CorsAllowList.of(List.of("HTTPS://Dashboard.example")).getCorsConfiguration(request)).isNotNull();
    }

    @Test
    void requestsSpringWouldRefuseWithABareTextGetNoConfigurationInstead() {
        CorsAllowList cors = CorsAllowList.of(List.of(ALLOWED_ORIGIN));

        assertThat(cors.getCorsConfiguration(preflight("DELETE", "x-api-key, content-type"))).isNotNull();
        assertThat(cors.getCorsConfiguration(preflight("PUT", null))).isNull();
        assertThat(cors.getCorsConfiguration(preflight("GET", "x-api-key, x-secret-sauce"))).isNull();
        MockHttpServletRequest put = new MockHttpServletRequest("PUT", "/tasks");
        put.addHeader("Origin", ALLOWED_ORIGIN);
        assertThat(cors.getCorsConfiguration(put)).isNull();
    }

    private static MockHttpServletRequest preflight(String method, String headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/tasks");
        request.addHeader("Origin", ALLOWED_ORIGIN);
        request.addHeader("Access-Control-Request-Method", method);
        if (headers != null) {
            request.addHeader("Access-Control-Request-Headers", headers);
        }
        return request;
    }

    @Test
    void originsThatAreNotBareOriginsStopStartUp() {
        for (String bad : List.of("*", "https://dash.example/app", "dash.example", "ftp://dash.example")) {
            assertThatThrownBy(() -> CorsAllowList.of(List.of("https://ok.example", bad)))
                    .hasMessageContaining("taskgateway.security.cors.allowed-origins[1]").hasMessageContaining(bad);
        }
    }

    @Test
    void badRateLimitsStopStartUpNamingTheKey() {
        SecurityProperties properties = new SecurityProperties();
        SecurityProperties.ApiKey key = new SecurityProperties.ApiKey();
        key.setName("ops");
        key.getRateLimit().setLimitForPeriod(0);
        properties.getApiKeys().add(key);

        assertThatThrownBy(() -> ApiKeyRateLimits.of(properties))
                .hasMessageContaining("taskgateway.security.api-keys[0].rate-limit.limit-for-period");
        properties.getRateLimit().setLimitRefreshPeriod(Duration.ZERO);
        assertThatThrownBy(() -> ApiKeyRateLimits.of(properties))
                .hasMessageContaining("taskgateway.security.rate-limit.limit-refresh-period");
        properties.getRateLimit().setEnabled(false);
        assertThat(ApiKeyRateLimits.of(properties).acquire("ops")).isEmpty();
    }
}
