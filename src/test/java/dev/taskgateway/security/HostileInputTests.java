package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.taskgateway.security.HostileInput.Case;
import dev.taskgateway.security.HttpProbe.Answer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A property test over random and malicious requests to every endpoint, with every method, odd
 * headers and bodies (see {@link HostileInput}). For each: no 5xx (but the documented 501 of an
 * action TikMatrix lacks), an {@code X-Request-Id}, a problem+json body on every 4xx, and no
 * upstream call when the gateway refused the input itself.
 *
 * <p>Case {@code i} comes from seed {@code hostile.seed + i}; its display name carries both, and
 * {@code -Dhostile.seed=<seed> -Dhostile.cases=1} replays exactly that one. Plain JUnit dynamic
 * tests with {@link java.util.Random}, no property-testing library.
 */
class HostileInputTests extends SecuredGatewayTestBase {

    /** {@code server.tomcat.max-swallow-size} in application.yml. */
    private static final int MAX_SWALLOW_BYTES = 1024 * 1024;

    static final long SEED = Long.getLong("hostile.seed", 20_261_127L);
    static final int CASES = Integer.getInteger("hostile.cases", 2_000);
    /** Statuses with which the gateway refuses input before any upstream call. */
    static final Set<Integer> REFUSED = Set.of(400, 401, 403, 405, 406, 413, 414, 415, 422, 429, 431);

    private static final Map<Integer, Integer> STATUSES = new TreeMap<>();
    private static final AtomicInteger RUN = new AtomicInteger();
    private static long started;

    @TestFactory
    Stream<DynamicTest> hostileRequestsNeverBreakTheGateway() {
        String cursor = probe().get("/tasks?size=1", "X-API-Key", READ_KEY).json().path("page").path("next").asString();
        started = System.nanoTime();
        return IntStream.range(0, CASES).mapToObj(i -> {
            long seed = SEED + i;
            Case request = new HostileInput(seed, cursor).next();
            return DynamicTest.dynamicTest("#" + i + " seed " + seed + ": " + HttpProbe.clip(request.describe()),
                    () -> check(seed, request));
        });
    }

    /** A control character in any query parameter or path id: a 400 problem naming it, nothing sent upstream. */
    @TestFactory
    Stream<DynamicTest> controlCharactersInEveryParameterAndPathIdAreA400NamingIt() {
        String cursor = probe().get("/tasks?size=1", "X-API-Key", READ_KEY).json().path("page").path("next").asString();
        List<HostileInput.Named> cases = new ArrayList<>(HostileInput.controlParameters(cursor));
        cases.addAll(HostileInput.controlPathIds());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.method() + " " + c.target(), () -> {
            int before = upstreamRequests();
            Answer answer = send(new Case(c.method(), c.target(), List.of(new String[] {"X-API-Key", ADMIN_KEY},
                    new String[] {"Content-Type", "application/json"}), c.body(), false));
            String what = c.method() + " " + c.target() + " -> " + HttpProbe.clip(answer.all());
            assertThat(answer.status()).as(what).isEqualTo(400);
            assertThat(answer.isProblem()).as(what).isTrue();
            List<String> fields = new ArrayList<>();
            answer.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).as(what).contains(c.field());
            assertThat(upstreamRequests()).as("upstream calls; " + what).isEqualTo(before);
        }));
    }

    /**
     * A control character in any header the gateway reads, on a request that would otherwise reach
     * a provider: never a 5xx; a refusal is a problem and sends nothing upstream; the request id
     * echoed is never the hostile value; a key or Idempotency-Key with one is never accepted.
     */
    @TestFactory
    Stream<DynamicTest> controlCharactersInEveryHeaderNeverGetPastTheGateway() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String header : HostileInput.HEADERS) {
            for (String control : HostileInput.HEADER_CONTROLS) {
                String value = switch (header) {
                    case "X-API-Key" -> OPS_KEY.substring(0, 8) + control + OPS_KEY.substring(8);
                    case "Authorization" -> "Bearer " + OPS_KEY.substring(0, 8) + control + OPS_KEY.substring(8);
                    case "Content-Type" -> "application/json" + control;
                    default -> "value" + control + "tail";
                };
                String name = header + " with U+" + String.format("%04X", (int) control.charAt(0));
                tests.add(DynamicTest.dynamicTest(name, () -> checkHeader(header, value, name)));
            }
        }
        return tests.stream();
    }

    private void checkHeader(String header, String value, String name) {
        boolean key = header.equals("X-API-Key") || header.equals("Authorization");
        List<String[]> headers = new ArrayList<>();
        if (!key) {
            headers.add(new String[] {"X-API-Key", OPS_KEY});
        }
        headers.add(new String[] {header, value});
        if (!header.equals("Content-Type")) {
            headers.add(new String[] {"Content-Type", "application/json"});
        }
        int before = upstreamRequests();
        // raw: java.net.http quietly leaves out some header values it dislikes instead of sending them
        Answer answer = send(new Case("POST", "/tasks/tm-a:1/stop", headers, new byte[0], true));
        String what = name + " -> " + HttpProbe.clip(answer.all());
        assertThat(answer.status()).as(what).isLessThan(500);
        String requestId = answer.header("X-Request-Id");
        assertThat(requestId).as(what).isNotBlank().doesNotContain("value").matches("[A-Za-z0-9._:-]+");
        if (answer.status() >= 400) {
            assertThat(answer.isProblem()).as(what).isTrue();
            assertThat(upstreamRequests()).as("upstream calls; " + what).isEqualTo(before);
        }
        if (key || header.equals("Idempotency-Key")) {
            assertThat(answer.status()).as(what).isBetween(400, 499);
        }
    }

    @AfterAll
    static void summary() {
        System.out.printf("hostile input: %d cases in %d ms, statuses %s%n", RUN.get(),
                (System.nanoTime() - started) / 1_000_000, STATUSES);
    }

    private void check(long seed, Case request) {
        int before = upstreamRequests();
        Answer answer;
        try {
            answer = send(request);
        } catch (UncheckedIOException e) {
            if (request.body() != null && request.body().length > MAX_SWALLOW_BYTES) {
                // Tomcat reads at most server.tomcat.max-swallow-size of a body it refused, then
                // closes; a client still sending may see the reset before the answer (RFC 9112 9.6).
                return;
            }
            fail("seed %d: the connection failed (%s) for %s", seed, e.getCause(), request.describe());
            return;
        }
        RUN.incrementAndGet();
        synchronized (STATUSES) {
            STATUSES.merge(answer.status(), 1, Integer::sum);
        }
        String what = "seed " + seed + ": " + request.describe() + "\n  -> " + HttpProbe.clip(answer.all());
        boolean documented501 = answer.status() == 501 && answer.isProblem()
                && answer.json().path("type").asString().equals("/problems/action-not-supported");
        assertThat(answer.status() < 500 || documented501).as(what).isTrue();
        assertThat(answer.header("X-Request-Id")).as(what).isNotBlank();
        if (answer.status() >= 400 && !request.method().equals("HEAD")) {
            assertThat(answer.isProblem()).as(what).isTrue();
        }
        boolean refused = REFUSED.contains(answer.status())
                || answer.status() == 404 && !answer.body().contains("task-not-found");
        if (refused) {
            assertThat(upstreamRequests()).as("upstream calls for refused input; " + what).isEqualTo(before);
        }
    }

    private Answer send(Case request) {
        HttpProbe http = probe();
        List<String> headers = new ArrayList<>();
        request.headers().forEach(h -> headers.addAll(List.of(h[0], h[1])));
        if (!request.raw()) {
            try {
                return http.send(request.method(), request.target(), request.body(), headers.toArray(String[]::new));
            } catch (IllegalArgumentException refusedByTheClient) {
                // java.net.http will not send this header, method or URI: send the same bytes raw
            }
        }
        StringBuilder raw = new StringBuilder(request.method()).append(' ').append(latin1(request.target()))
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            raw.append(latin1(headers.get(i))).append(": ").append(latin1(headers.get(i + 1))).append("\r\n");
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        boolean hasLength = headers.stream().anyMatch(h -> h.equalsIgnoreCase("Content-Length"));
        if (!hasLength && body.length > 0) {
            raw.append("Content-Length: ").append(body.length).append("\r\n");
        }
        raw.append("\r\n").append(new String(body, StandardCharsets.ISO_8859_1));
        return http.raw(raw.toString());
    }

    /** UTF-8 bytes as ISO-8859-1 chars, so the raw request carries them as they are; CR and LF become spaces. */
    private static String latin1(String text) {
        return new String(text.replace('\r', ' ').replace('\n', ' ').getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
    }
}
