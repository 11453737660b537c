package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.taskgateway.security.HttpProbe.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The gateway runs with known secret values ({@link SecuredGatewayTestBase#SECRETS}); this test
 * calls every endpoint with every role, failing upstreams included (one quotes each request back
 * in its errors), then searches every status line, header and body, the captured log, and what
 * the upstreams received for those values. Start-up logs are searched by {@code StartupTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests extends SecuredGatewayTestBase {

    private final List<Answer> answers = new ArrayList<>();

    @Test
    void noSecretLeavesTheGatewayByAnyRoute(CapturedOutput output) {
        driveEveryEndpoint();

        assertThat(answers).hasSizeGreaterThan(50);
        for (Answer answer : answers) {
            for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
                assertThat(answer.all()).as("an answer shows %s", secret.getKey()).doesNotContain(secret.getValue());
            }
        }
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            assertThat(output.getAll()).as("the log shows %s", secret.getKey()).doesNotContain(secret.getValue());
        }
        for (WireMockServer upstream : UPSTREAMS) {
            String received = FakeTikmatrix.everythingReceived(upstream);
            for (String secret : CLIENT_SECRETS) {
                assertThat(received).as("a client's API key went upstream").doesNotContain(secret);
            }
            assertThat(received).doesNotContain(SECRETS.get("taskgateway.cursor-secret"));
        }
    }

    @Test
    void envAndConfigpropsListTheSecretPropertiesWithMaskedValuesEvenForAdmins() {
        Answer env = admin("GET", "/actuator/env");
        Answer configprops = admin("GET", "/actuator/configprops");
        Answer one = admin("GET", "/actuator/env/taskgateway.cursor-secret");

        assertThat(env.body()).contains("taskgateway.cursor-secret").contains("taskgateway.security.api-keys[2].key")
                .contains("taskgateway.sources.tm-echo.access-secret").contains("******");
        assertThat(configprops.body()).contains("taskgateway.security").contains("apiKeys").contains("cursorSecret");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("property").path("value").asString()).isEqualTo("******");
        for (String secret : SECRETS.values()) {
            assertThat(env.body() + configprops.body() + one.body()).doesNotContain(secret);
        }
    }

    @Test
    void credentialsAnUpstreamEchoesBackAreBlankedInTheErrorLine() {
        for (String source : List.of("nx-echo", "newapi-echo", "ll-echo")) {
            Answer answer = as(READ_KEY, "GET", "/tasks?source=" + source, null);

            String message = answer.json().path("sources").findValues("error").stream()
                    .map(error -> error.path("message").asString()).filter(m -> m.contains("request was:"))
                    .findFirst().orElseThrow(() -> new AssertionError("no echoed error in " + answer.all()));
            assertThat(message).as(source + " quotes the echo with its credential blanked")
                    .containsPattern("request was: (Bearer )?\\*\\*\\*");
            SECRETS.values().forEach(secret -> assertThat(message).doesNotContain(secret));
        }
    }

    private void driveEveryEndpoint() {
        String cursor = as(READ_KEY, "GET", "/tasks?size=2", null).json().path("page").path("next").asString();
        List<String> reads = new ArrayList<>(List.of("/tasks", "/tasks?size=50&include=raw",
                "/tasks?source=tm-redirect", "/tasks?size=2&cursor=" + cursor, "/tasks?bogus=1&size=0",
                "/tasks/stats", "/tasks/tm-a:1", "/tasks/tm-a:999", "/tasks/tm-redirect:1", "/tasks/nope:1",
                "/sources"));
        for (String source : ECHO_SOURCES) {
            reads.addAll(List.of("/tasks?source=" + source, "/tasks/stats?source=" + source, "/tasks/" + source + ":1",
                    "/tasks/" + source + ":52145b00-abc9-4a87-94c2-ed1e1e42ec1c", "/tasks/" + source + ":task_abc"));
        }
        for (String key : List.of(READ_KEY, OPS_KEY, ADMIN_KEY, HASHED_KEY)) {
            reads.forEach(path -> as(key, "GET", path, null));
            as(key, "HEAD", "/tasks", null);
        }
        String body = "{\"serials\":[\"R1\"],\"script_name\":\"post\"}";
        for (String key : List.of(READ_KEY, OPS_KEY)) {
            as(key, "POST", "/tasks/tm-a:1/stop", "");
            as(key, "POST", "/tasks/tm-redirect:1/retry", "");
            as(key, "POST", "/tasks/tm-a:3/stop", "");
            as(key, "POST", "/tasks/tm-a:5/pause", "");
            as(key, "POST", "/tasks:batchDelete", "{\"ids\":[\"tm-a:4\",\"tm-echo:1\",\"tm-redirect:1\",\"x:1\","
                    + "\"nx-echo:1\",\"newapi-echo:1\",\"ll-echo:1\"]}");
            as(key, "POST", "/sources/tm-a/tasks", body);
            as(key, "POST", "/sources/tm-redirect/tasks", body);
            as(key, "POST", "/sources/tm-a/tasks", "{not json");
            for (String source : ECHO_SOURCES) {
                for (String action : List.of("stop", "retry", "pause", "resume")) {
                    as(key, "POST", "/tasks/" + source + ":1/" + action, "");
                }
                as(key, "DELETE", "/tasks/" + source + ":2", null);
                as(key, "POST", "/sources/" + source + "/tasks", body);
                as(key, "POST", "/sources/" + source + "/tasks:retryFailed", "");
            }
        }
        as(OPS_KEY, "POST", "/sources/tm-echo/tasks", body, "Idempotency-Key", "k-1");
        as(OPS_KEY, "POST", "/sources/tm-echo/tasks", "{}", "Idempotency-Key", "k-1");
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/env", "/actuator/env/taskgateway.security.api-keys%5B0%5D.key", "/actuator/configprops",
                "/actuator/configprops/taskgateway.security", "/actuator/prometheus", "/actuator/metrics",
                "/actuator/metrics/http.server.requests", "/actuator/info", "/v3/api-docs", "/v3/api-docs.yaml",
                "/swagger-ui.html", "/swagger-ui/index.html", "/error", "/nope")) {
            as(ADMIN_KEY, "GET", path, null);
            as(READ_KEY, "GET", path, null);
            answers.add(probe().get(path));
        }
        // Wrong keys, and keys where they do not belong: none may be echoed back.
        for (String wrong : List.of(SECRETS.get("taskgateway.cursor-secret"),
                SECRETS.get("taskgateway.sources.tm-echo.token"), READ_KEY + "x")) {
            answers.add(probe().get("/tasks", "X-API-Key", wrong));
            answers.add(probe().get("/sources", "Authorization", "Bearer " + wrong));
        }
        answers.add(probe().get("/tasks", "Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_KEY).getBytes(StandardCharsets.UTF_8))));
    }

    private Answer admin(String method, String path) {
        return as(ADMIN_KEY, method, path, null);
    }

    private Answer as(String key, String method, String path, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("X-API-Key", key, "X-Request-Id", "hygiene-" + answers.size()));
        if (body != null) {
            all.addAll(List.of("Content-Type", "application/json"));
        }
        all.addAll(List.of(headers));
        Answer answer = probe().send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                all.toArray(String[]::new));
        answers.add(answer);
        return answer;
    }
}
