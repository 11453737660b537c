package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.security.HttpProbe.Answer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Size limits and malformed requests: each is a 4xx {@code application/problem+json}, never a
 * 5xx, an HTML page or a dropped connection, and never reaches an upstream.
 */
class RequestLimitsTests extends SecuredGatewayTestBase {

    private static final int MAX_BODY = 64 * 1024;

    @Test
    void bodyOverTheLimitIs413() {
        int before = upstreamRequests();

        Answer answer = post("/tasks:batchDelete", padded(MAX_BODY + 1));

        assertProblem(answer, 413);
        assertThat(answer.json().path("type").asString()).isEqualTo("/problems/http-413");
        assertThat(upstreamRequests()).isEqualTo(before);
    }

    @Test
    void bodyAtTheLimitIsRead() {
        Answer answer = post("/tasks:batchDelete", padded(MAX_BODY));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("results").get(0).path("id").asString()).isEqualTo("tm-a:1");
    }

    @Test
    void chunkedBodyOverTheLimitIs413Too() throws Exception {
        byte[] body = padded(MAX_BODY + 10);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sources/tm-a/tasks"))
                .header("X-API-Key", OPS_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        int before = upstreamRequests();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(upstreamRequests()).isEqualTo(before);
    }

    @Test
    void formAndMultipartBodiesAre415() {
        assertProblem(probe().send("POST", "/tasks:batchDelete", "ids=tm-a:1".getBytes(StandardCharsets.UTF_8),
                "X-API-Key", OPS_KEY, "Content-Type", "application/x-www-form-urlencoded"), 415);
        assertProblem(probe().send("POST", "/sources/tm-a/tasks", "--x--".getBytes(StandardCharsets.UTF_8),
                "X-API-Key", OPS_KEY, "Content-Type", "multipart/form-data; boundary=x"), 415);
    }

    @Test
    void queryOverTheLimitIs414AndAtTheLimitIsJudgedByItsParameters() {
        String longQuery = "q=" + "a".repeat(4095);
        String atLimit = "q=" + "a".repeat(4094);

        assertProblem(probe().get("/tasks?" + longQuery, "X-API-Key", READ_KEY), 414);
        Answer judged = probe().get("/tasks?" + atLimit, "X-API-Key", READ_KEY);
        assertProblem(judged, 400);
        assertThat(judged.json().path("errors").get(0).path("field").asString()).isEqualTo("q");
    }

    @Test
    void headersOverTheSizeLimitAre400FromTomcatAsAProblem() {
        Answer answer = probe().get("/tasks", "X-API-Key", READ_KEY, "X-Padding", "p".repeat(20_000));

        assertProblem(answer, 400);
        assertThat(answer.json().path("type").asString()).isEqualTo("/problems/malformed-request");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void requestLineOverTheSizeLimitIs400AsAProblem() {
        assertProblem(probe().get("/tasks?q=" + "a".repeat(20_000), "X-API-Key", READ_KEY), 400);
    }

    @Test
    void badPercentEncodingInTheQueryIs400NotA500() {
        assertProblem(probe().raw("GET", "/tasks?q=%ZZ", "X-API-Key", READ_KEY), 400);
        assertProblem(probe().raw("GET", "/tasks/stats?status=%", "X-API-Key", READ_KEY), 400);
        assertProblem(probe().get("/tasks/stats?q=%E2%28", "X-API-Key", READ_KEY), 400);
    }

    @Test
    void moreParametersThanTomcatParsesIs400() {
        String query = "a=1" + "&a=1".repeat(1020);
        assertThat(query.length()).isLessThanOrEqualTo(4096);

        Answer answer = probe().get("/tasks?" + query, "X-API-Key", READ_KEY);

        assertProblem(answer, 400);
        assertThat(answer.json().path("type").asString()).isEqualTo("/problems/malformed-request");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/tasks/tm-a:..%2Fstats", "/tasks/tm-a:1%2Fstop", "/tasks/tm-a:%2e%2e",
            "/tasks/%2e%2e/sources", "/tasks/..", "//tasks", "/tasks/tm-a:1%00", "/tasks/tm-a:1%5C",
            "/tasks/tm-a:1;x=1", "/tasks/tm-a:%ZZ", "/tasks/tm-a:%FF", "/tasks/tm-a:1%0d%0aX-Injected:1",
            "/sources/..%2F..%2Factuator/tasks:retryFailed", "/tasks/tm-a:1/..%2F..%2Fstats/stop"})
    void pathsTheServerRefusesAre400ProblemsAndReachNoUpstream(String path) {
        int before = upstreamRequests();

        Answer get = probe().raw("GET", path, "X-API-Key", ADMIN_KEY);
        Answer post = probe().raw("POST", path, "X-API-Key", ADMIN_KEY, "Content-Length", "0");

        assertProblem(get, 400);
        assertProblem(post, 400);
        assertThat(upstreamRequests()).isEqualTo(before);
    }

    @ParameterizedTest(name = "raw {0}")
    @ValueSource(strings = {
            "GET /tasks/tm-a:a b HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /tasks?q=<script> HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /tasks HTTP/1.1\r\nHost: x\r\nX-API-Key: \u0085\u0001\r\n\r\n",
            "GET /tasks HTTP/1.1\r\nHost: x\r\nIdempotency-Key: \u0085\r\nX-API-Key: key\r\n\r\n",
            "GET /tasks HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
            "GET /tasks HTTP/1.1\r\nHost: x\r\nX-API-Key\r\n\r\n",
            "GET /\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /tasks:batchDelete HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "POST /tasks:batchDelete HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
            "GET /tasks HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /tasks HTTP/9.9\r\nHost: x\r\n\r\n",
            "CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /tasks:batchDelete HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
            "\u0001\u0002\u0003\r\n\r\n"})
    void malformedRequestsOnTheWireAre4xxProblems(String request) {
        String withKey = request.contains("X-API-Key") ? request.replace("X-API-Key: key", "X-API-Key: " + ADMIN_KEY)
                : request.replace("Host: x\r\n", "Host: x\r\nX-API-Key: " + ADMIN_KEY + "\r\n");
        int before = upstreamRequests();

        Answer answer = probe().raw(withKey.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));

        assertThat(answer.status()).as(answer.all()).isBetween(400, 499);
        assertThat(answer.isProblem()).as(answer.all()).isTrue();
        assertThat(upstreamRequests()).isEqualTo(before);
    }

    private Answer post(String path, byte[] body) {
        return probe().send("POST", path, body, "X-API-Key", OPS_KEY, "Content-Type", "application/json");
    }

    /** {"ids":["tm-a:1"]} padded with spaces to exactly {@code size} bytes. */
    private static byte[] padded(int size) {
        byte[] json = "{\"ids\":[\"tm-a:1\"]}".getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(json, size);
        Arrays.fill(body, json.length - 1, size - 1, (byte) ' ');
        body[size - 1] = '}';
        return body;
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.all()).isEqualTo(status);
        assertThat(answer.isProblem()).as(answer.all()).isTrue();
    }
}
