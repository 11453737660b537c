package dev.taskgateway.changes;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A webhook receiver on loopback, port 0: records every POST; can refuse the next few with a 500. */
final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One POST as received. */
    record Delivery(String signature, String event, String eventId, String body, int answered) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger refuse = new AtomicInteger();

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            var headers = exchange.getRequestHeaders();
            deliveries.add(new Delivery(headers.getFirst(WebhookSigner.HEADER), headers.getFirst("TaskGateway-Event"),
                    headers.getFirst("TaskGateway-Event-Id"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers the next {@code n} POSTs with a 500. */
    void refuseNext(int n) {
        refuse.set(n);
    }

    /** The next POST, waiting at most {@code timeout}; fails the test when none comes. */
    Delivery next(Duration timeout) throws InterruptedException {
        Delivery delivery = deliveries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (delivery == null) {
            throw new AssertionError("no webhook POST within " + timeout);
        }
        return delivery;
    }

    /** The signature's parts: {@code t} and {@code v1}. */
    static Map<String, String> parts(String signature) {
        Map<String, String> parts = new HashMap<>();
        for (String part : signature.split(",")) {
            String[] kv = part.split("=", 2);
            parts.put(kv[0], kv[1]);
        }
        return parts;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
