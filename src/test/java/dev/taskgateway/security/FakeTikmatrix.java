package dev.taskgateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * TikMatrix-shaped upstreams on WireMock for the security tests: a healthy PC, one that answers
 * every call with an error quoting the whole request back (as careless providers do), and one
 * that redirects every call to another server.
 */
final class FakeTikmatrix {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeTikmatrix() {
    }

    /** A PC with tasks 1-5 (1 running, 2 failed, 3 succeeded, 4 pending, 5 running); others are 404. */
    static WireMockServer healthy() {
        WireMockServer server = start();
        StringBuilder tasks = new StringBuilder();
        for (int id = 1; id <= 5; id++) {
            String task = task(id);
            tasks.append(id > 1 ? "," : "").append(task);
            server.stubFor(get(urlPathEqualTo("/api/v1/task/" + id)).willReturn(okJson(
                    "{\"code\":0,\"data\":" + task + "}")));
        }
        server.stubFor(get(urlPathMatching("/api/v1/task/[0-9]+")).atPriority(10).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":40401,\"message\":\"task not found\"}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"tasks\":[" + tasks + "],\"total\":5,\"page\":1,\"page_size\":100}}")));
        server.stubFor(get(urlPathEqualTo("/api/v1/task/stats")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"pending\":1,\"running\":2,\"completed\":1,\"failed\":1}}")));
        server.stubFor(post(urlPathMatching("/api/v1/task/[0-9]+/(stop|retry)")).willReturn(okJson("{\"code\":0}")));
        server.stubFor(delete(urlPathMatching("/api/v1/task/([0-9]+|batch)")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"deleted\":1}}")));
        server.stubFor(post(urlPathEqualTo("/api/v1/task/retry-all")).willReturn(okJson("{\"code\":0}")));
        server.stubFor(post(urlPathEqualTo("/api/v1/task")).willReturn(okJson(
                "{\"code\":0,\"data\":{\"task_ids\":[101]}}")));
        return server;
    }

    /**
     * Answers everything with an error whose message is the request itself — method, URL, every
     * header, the body — over many lines and several kilobytes: lists and creation get code
     * 40001 ({@code success:false}), stats 40301, TikMatrix's retry-all 40001 (a conflict), one
     * TikMatrix task HTTP 500.
     */
    static WireMockServer echoing() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .extensions(new Echo()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        return server;
    }

    /** Redirects every call to the same path on {@code target}. */
    static WireMockServer redirectingTo(WireMockServer target) {
        WireMockServer server = start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302)
                .withHeader("Location", target.baseUrl() + "/api/v1/task")));
        return server;
    }

    /** Answers every call as a healthy PC would, so a followed redirect would look like success. */
    static WireMockServer elsewhere() {
        WireMockServer server = start();
        server.stubFor(any(anyUrl()).willReturn(okJson(
                "{\"code\":0,\"data\":{\"tasks\":[" + task(9) + "],\"total\":1}}")));
        return server;
    }

    /** Every request {@code server} has received, as one text: URL, headers and body. */
    static String everythingReceived(WireMockServer server) {
        StringBuilder all = new StringBuilder();
        for (ServeEvent event : server.getAllServeEvents()) {
            all.append(describe(event.getRequest())).append('\n');
        }
        return all.toString();
    }

    static int requestCount(List<WireMockServer> servers) {
        return servers.stream().mapToInt(s -> s.getAllServeEvents().size()).sum();
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    private static String task(int id) {
        int status = new int[] {1, 3, 2, 0, 1}[(id - 1) % 5];
        return "{\"id\":" + id + ",\"serial\":\"R58M100" + id + "\",\"username\":\"shop_" + id
                + "\",\"script_name\":\"post\",\"status\":" + status + ",\"error\":null,"
                + "\"created_at\":\"2026-01-0" + id + " 09:30:00\"}";
    }

    private static String describe(LoggedRequest request) {
        Map<String, String> headers = new TreeMap<>();
        request.getHeaders().all().forEach(h -> headers.put(h.key(), String.join(", ", h.values())));
        return request.getMethod() + " " + request.getUrl() + "\nX-Request-Id: " + request.getHeader("X-Request-Id")
                + "\n" + headers + "\n" + request.getBodyAsString();
    }

    /**
     * The echoing answers. The envelope fits every adapter's error path ({@code code} for TikMatrix,
     * NXLink and Longlonglong, {@code success:false} for new-api), and the echo starts with the
     * values of credential-like headers, so a secret an adapter sends would come back within the
     * first characters of its error line unless the adapter blanks it.
     */
    private static final class Echo implements ResponseDefinitionTransformerV2 {

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            String path = request.getUrl().replaceFirst("\\?.*", "");
            StringBuilder credentials = new StringBuilder();
            request.getHeaders().all().stream()
                    .filter(h -> h.key().matches("(?i).*(key|auth|token|secret|sign).*"))
                    .forEach(h -> credentials.append(String.join(" ", h.values())).append(' '));
            String echo = "request was: " + credentials + describe(request) + "\n" + "padding ".repeat(800);
            int status = path.matches("/api/v1/task/[0-9]+") ? 500 : 200;
            long code = path.endsWith("/stats") ? 40301 : 40001;
            String body = status == 500 ? echo : JSON.writeValueAsString(Map.of("code", code, "success", false,
                    "status", "failed", "message", echo));
            return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                    .withHeader("Content-Type", status == 500 ? "text/plain" : "application/json")
                    .withBody(body).build();
        }

        @Override
        public String getName() {
            return "echo";
        }
    }
}
