package dev.taskgateway.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real HTTP server (on loopback unless told otherwise) that a provider simulator answers through, with injectable
 * latency and faults. {@code GET/PUT /__sim/faults} reads and changes the faults at run time
 * (bench and chaos scripts use it).
 */
public final class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The JDK server writes headers and body in two segments; with Nagle on, the client's
        // delayed ACK holds the second for ~40 ms, which would swamp every latency we measure.
        // Read once, when the first HttpServer starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Answers one request. */
    @FunctionalInterface
    public interface Handler {
        Reply handle(Call call);
    }

    /** One request as the simulator sees it. */
    public record Call(String method, String path, Map<String, List<String>> query,
                       Map<String, List<String>> headers, byte[] body) {

        /** The first value of a query parameter, or null. */
        public String param(String name) {
            List<String> values = query.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One answer. */
    public record Reply(int status, byte[] body, Map<String, String> headers) {

        /** A JSON answer of {@code value} (maps, lists, records, JSON nodes). */
        public static Reply json(int status, Object value) {
            return new Reply(status, JSON.writeValueAsBytes(value), Map.of("Content-Type", "application/json"));
        }

        /** An answer with no body. */
        public static Reply empty(int status) {
            return new Reply(status, new byte[0], Map.of());
        }
    }

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Faults faults;

    /** Answers given, by HTTP status (the {@code /__sim} switch not counted): what a test checks a provider saw. */
    private final Map<Integer, AtomicLong> answered = new ConcurrentHashMap<>();

    private SimulatorServer(String name, HttpServer server, ExecutorService executor, Faults faults) {
        this.name = name;
        this.server = server;
        this.executor = executor;
        this.faults = faults;
    }

    /** Starts {@code handler} on 127.0.0.1:{@code port} (0 picks a free port). */
    public static SimulatorServer start(String name, int port, Faults faults, Handler handler) {
        return start(name, InetAddress.getLoopbackAddress().getHostAddress(), port, faults, handler);
    }

    /**
     * Starts {@code handler} on {@code bindAddress}:{@code port} (0 picks a free port). Loopback
     * unless told otherwise: {@code 0.0.0.0} is for a container that other containers call.
     */
    public static SimulatorServer start(String name, String bindAddress, int port, Faults faults, Handler handler) {
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(bindAddress), port);
            HttpServer server = HttpServer.create(address, 512);
            ExecutorService executor = newExecutor();
            SimulatorServer simulator = new SimulatorServer(name, server, executor, faults);
            server.createContext("/", exchange -> simulator.serve(exchange, handler));
            server.setExecutor(executor);
            server.start();
            LOG.info("{} simulator listening on {}{}", name, simulator.baseUrl(),
                    address.getAddress().isAnyLocalAddress() ? " (bound to every interface)" : "");
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " simulator on " + bindAddress + ":" + port,
                    e);
        }
    }

    /** The name it was started with, e.g. {@code nxlink}. */
    public String name() {
        return name;
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<bound address>:<port>}, with 127.0.0.1 standing for "every interface". */
    public String baseUrl() {
        InetAddress bound = server.getAddress().getAddress();
        String host = bound.isAnyLocalAddress() ? "127.0.0.1"
                : bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        return "http://" + host + ":" + port();
    }

    /** Requests answered with {@code status} so far. */
    public long answered(int status) {
        var count = answered.get(status);
        return count == null ? 0 : count.get();
    }

    /** Requests answered so far, any status. */
    public long answered() {
        return answered.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** The faults in force. */
    public Faults faults() {
        return faults;
    }

    /** Replaces the faults in force. */
    public void faults(Faults newFaults) {
        this.faults = newFaults;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            Call call = call(exchange);
            if (call.path().equals("/__sim/faults")) {
                reply(exchange, faultsEndpoint(call));
                return;
            }
            Faults now = faults;
            if (!now.latency().isZero()) {
                pause(now.latency());
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            if (now.down() || random.nextDouble() < now.resetRate()) {
                return; // closing without a response: the client sees the connection drop
            }
            if (random.nextDouble() < now.errorRate()) {
                reply(exchange, Reply.json(503, Map.of("error", "simulated failure")));
                return;
            }
            if (random.nextDouble() < now.garbageRate()) {
                reply(exchange, new Reply(200, "<html>oops</html>".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "text/html")));
                return;
            }
            if (random.nextDouble() < now.slowRate()) {
                pause(now.slowDelay());
            }
            Reply reply = handler.handle(call);
            answered.computeIfAbsent(reply.status(), k -> new AtomicLong()).incrementAndGet();
            reply(exchange, reply);
        } catch (RuntimeException e) {
            LOG.warn("{} simulator failed on {} {}", name, exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    /** GET answers the faults in force; PUT changes the fields it names and keeps the others. */
    private Reply faultsEndpoint(Call call) {
        if ("PUT".equals(call.method())) {
            try {
                ObjectNode merged = JSON.valueToTree(faults);
                merged.setAll((ObjectNode) JSON.readTree(call.body()));
                faults = JSON.treeToValue(merged, Faults.class);
            } catch (RuntimeException e) {
                Throwable cause = e;
                while (cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
                return Reply.json(400, Map.of("error", "PUT a JSON object of Faults fields (rates 0..1, durations "
                        + "like \"PT0.2S\"): " + (reason.length() > 160 ? reason.substring(0, 160) : reason)));
            }
        }
        return Reply.json(200, faults);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Call call(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(4 * 1024 * 1024);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
        }
        return new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query,
                exchange.getRequestHeaders(), body);
    }

    private static void reply(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        int length = reply.body().length;
        exchange.sendResponseHeaders(reply.status(), length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        }
    }

    /** Virtual threads where the runtime has them (21+), a bounded pool on 17. */
    static ExecutorService newExecutor() {
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newFixedThreadPool(64, runnable -> {
                Thread thread = new Thread(runnable, "simulator");
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
