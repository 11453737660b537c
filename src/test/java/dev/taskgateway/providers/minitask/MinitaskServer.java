package dev.taskgateway.providers.minitask;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Minitask API on loopback (a free port): {@code jobs} jobs, {@code job-1} the newest, one
 * minute apart, their states cycling through queued, working, done, broken and one it does not
 * document ({@code archived}). Answers 401 to a wrong token. It shares no code with the adapter.
 */
final class MinitaskServer implements AutoCloseable {

    static final String[] STATES = {"queued", "working", "done", "broken", "archived"};

    private final HttpServer server;
    private final String token;
    private final int jobs;
    private final Instant newest;

    MinitaskServer(String token, int jobs, Instant newest) throws IOException {
        this.token = token;
        this.jobs = jobs;
        this.newest = newest;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/jobs", this::list);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** When job {@code n} (from 1) was created. */
    Instant created(int n) {
        return newest.minusSeconds(60L * (n - 1));
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Token " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"bad token\"}");
                return;
            }
            Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
            int page = Integer.parseInt(params.getOrDefault("page", "1"));
            int limit = Math.min(50, Integer.parseInt(params.getOrDefault("limit", "20")));
            List<String> items = new ArrayList<>();
            for (int n = (page - 1) * limit + 1; n <= Math.min(page * limit, jobs); n++) {
                items.add("{\"ref\":\"job-" + n + "\",\"title\":\"Job " + n + "\",\"state\":\""
                        + STATES[(n - 1) % STATES.length] + "\",\"created\":\"" + created(n) + "\"}");
            }
            send(exchange, 200, "{\"jobs\":[" + String.join(",", items) + "],\"total\":" + jobs + "}");
        }
    }

    private static Map<String, String> params(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
