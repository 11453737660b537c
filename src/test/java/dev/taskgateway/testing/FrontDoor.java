package dev.taskgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * For tests of the front filter's shortcuts: a filter right behind the request scope filter counts
 * what went on down the chain ({@code @Import(FrontDoor.Counter.class)}), and {@link #passesTheChain}
 * says which path a request took; answers keep status, body and the headers that do not differ
 * between any two answers, so the short path and the full path can be compared whole.
 */
public final class FrontDoor {

    /** Headers that differ between any two answers. */
    private static final Set<String> PER_ANSWER = Set.of("x-request-id", "date", "content-length",
            "transfer-encoding", "connection", "keep-alive");
    private static final AtomicInteger DOWN_THE_CHAIN = new AtomicInteger();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public FrontDoor(int port) {
        this.port = port;
    }

    /** Registers the counting filter in the test's context. */
    @TestConfiguration
    public static class Counter {
        @Bean
        FilterRegistrationBean<Filter> downTheChain() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                DOWN_THE_CHAIN.incrementAndGet();
                chain.doFilter(request, response);
            });
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }

    /** Runs {@code call}, asserting whether it went down the chain behind the request scope filter. */
    public Answer passesTheChain(boolean expected, Call call) throws Exception {
        int before = DOWN_THE_CHAIN.get();
        Answer answer = call.run();
        assertThat(DOWN_THE_CHAIN.get() - before).as("went down the chain").isEqualTo(expected ? 1 : 0);
        return answer;
    }

    /** {@code GET path} with {@code headers} (name, value, name, value...). */
    public Answer get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    public Answer send(String method, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> kept = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!PER_ANSWER.contains(name.toLowerCase(Locale.ROOT))) {
                kept.put(name.toLowerCase(Locale.ROOT), values);
            }
        });
        return new Answer(response.statusCode(), response.body(), kept,
                response.headers().firstValue("X-Request-Id").orElse(""));
    }

    /** A request to make. */
    public interface Call {
        Answer run() throws Exception;
    }

    /** Status, body, the comparable headers (lower-case names) and the request id. */
    public record Answer(int status, String body, Map<String, List<String>> headers, String requestId) {
    }
}
