package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.security.HttpProbe.Answer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reaches an upstream and what comes back from one: hostile native ids reach no TikMatrix
 * path at all, redirects are never followed, and upstream error text comes back as one short line.
 */
class UpstreamIsolationTests extends SecuredGatewayTestBase {

    /** JSON string escaping, as the problem bodies use it. */
    private static final JsonMapper JSON_TEXT = JsonMapper.builder().build();

    static List<String> hostileNativeIds() {
        return List.of("../stats", "1/stop", "..", ".", "stats", "retry-all", "batch", "1/../../stats",
                "%2e%2e", "..%2Fstats", "1?page_size=1000", "1#frag", "1 ", " 1", "-1", "+1", "1e3", "0x1F",
                "1.0", "１２", "١٢", "é", "1\u200b", "9".repeat(19), "1".repeat(200), "1' OR '1'='1",
                "<script>alert(1)</script>", "${jndi:ldap://x/a}", "1;DROP TABLE task", "1\\..\\stats");
    }

    @ParameterizedTest(name = "tm-a:{0}")
    @MethodSource("hostileNativeIds")
    void aNativeIdThatIsNotATaskNumberReachesNoUpstreamPath(String nativeId) {
        String path = "/tasks/" + HttpProbe.segment("tm-a:" + nativeId);
        int before = PC_A.getAllServeEvents().size();

        List<Answer> answers = List.of(
                probe().raw("GET", path, "X-API-Key", ADMIN_KEY),
                probe().raw("POST", path + "/stop", "X-API-Key", ADMIN_KEY, "Content-Length", "0"),
                probe().raw("POST", path + "/retry", "X-API-Key", ADMIN_KEY, "Content-Length", "0"),
                probe().raw("DELETE", path, "X-API-Key", ADMIN_KEY),
                probe().send("POST", "/tasks:batchDelete", ("{\"ids\":[" + json("tm-a:" + nativeId) + "]}")
                        .getBytes(StandardCharsets.UTF_8), "X-API-Key", ADMIN_KEY, "Content-Type", "application/json"));

        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.all()).isBetween(200, 499);
            if (answer.status() >= 400) {
                assertThat(answer.isProblem()).as(answer.all()).isTrue();
            }
        }
        assertThat(answers.get(0).status()).as(answers.get(0).all()).isIn(400, 404);
        JsonNode batch = answers.get(4).json();
        if (answers.get(4).status() == 400) { // an id no provider could have (U+200B): refused naming it
            assertThat(batch.path("errors").get(0).path("field").asString()).isEqualTo("ids[0]");
        } else {
            assertThat(batch.path("results").get(0).path("outcome").asString()).isEqualTo("NOT_FOUND");
        }
        assertThat(PC_A.getAllServeEvents()).hasSize(before);
    }

    @Test
    void aTaskNumberReachesOnlyItsOwnPath() {
        int before = PC_A.getAllServeEvents().size();

        assertThat(probe().get("/tasks/tm-a:1", "X-API-Key", READ_KEY).status()).isEqualTo(200);
        assertThat(probe().get("/tasks/tm-a:00042", "X-API-Key", READ_KEY).status()).isEqualTo(404);

        List<String> urls = PC_A.getAllServeEvents().subList(0, PC_A.getAllServeEvents().size() - before).stream()
                .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList();
        assertThat(urls).containsExactlyInAnyOrder("GET /api/v1/task/1", "GET /api/v1/task/42");
    }

    @Test
    void redirectsAreNeverFollowedAndSaySo() {
        Answer list = probe().get("/tasks?source=tm-redirect", "X-API-Key", READ_KEY);
        Answer detail = probe().get("/tasks/tm-redirect:1", "X-API-Key", READ_KEY);
        Answer action = probe().send("POST", "/tasks/tm-redirect:1/stop", new byte[0], "X-API-Key", OPS_KEY);

        for (Answer answer : List.of(list, detail, action)) {
            assertThat(answer.status()).as(answer.all()).isEqualTo(502);
            JsonNode error = report(answer, "tm-redirect").path("error");
            assertThat(error.path("code").asString()).isEqualTo("UPSTREAM_BAD_RESPONSE");
            assertThat(error.path("message").asString()).contains("redirect (HTTP 302)");
        }
        assertThat(REDIRECT.getAllServeEvents()).isNotEmpty();
        assertThat(ELSEWHERE.getAllServeEvents()).as("the redirect target is never called").isEmpty();
    }

    @Test
    void upstreamErrorTextComesBackAsOneShortLine() {
        String canary = "canary-" + System.nanoTime();

        Answer list = probe().get("/tasks?source=tm-echo", "X-API-Key", READ_KEY, "X-Request-Id", canary);
        Answer everything = probe().get("/tasks", "X-API-Key", READ_KEY);
        Answer stats = probe().get("/tasks/stats?source=tm-echo", "X-API-Key", READ_KEY);
        Answer create = probe().send("POST", "/sources/tm-echo/tasks", "{\"serials\":[\"R1\"],\"script_name\":\"post\",\"script_config\":{}}"
                .getBytes(StandardCharsets.UTF_8), "X-API-Key", OPS_KEY, "Content-Type", "application/json");
        Answer retry = probe().send("POST", "/sources/tm-echo/tasks:retryFailed", new byte[0], "X-API-Key", OPS_KEY);

        String listMessage = echoError(list);
        assertThat(listMessage).as("the echo reached the client, summarized")
                .startsWith("TikMatrix code 40001: request was:").contains(canary);
        for (String message : List.of(listMessage, echoError(everything), echoError(stats), echoError(create))) {
            assertThat(message).hasSizeBetween(10, 160).doesNotContain("\n").doesNotContain("\r");
        }
        assertThat(retry.status()).isEqualTo(409);
        assertThat(retry.json().path("detail").asString()).startsWith("TikMatrix refused: request was:")
                .hasSizeLessThanOrEqualTo(200).doesNotContain("\n");
    }

    private static String echoError(Answer answer) {
        return report(answer, "tm-echo").path("error").path("message").asString();
    }

    /** The report of {@code source} in a list's or problem's {@code sources[]} or in stats' {@code bySource[]}. */
    private static JsonNode report(Answer answer, String source) {
        for (JsonNode report : answer.json().path("sources")) {
            if (report.path("id").asString().equals(source)) {
                return report;
            }
        }
        for (JsonNode report : answer.json().path("bySource")) {
            if (report.path("source").asString().equals(source)) {
                return report;
            }
        }
        throw new AssertionError("no report of " + source + " in " + answer.all());
    }

    private static String json(String text) {
        return JSON_TEXT.writeValueAsString(text);
    }
}
