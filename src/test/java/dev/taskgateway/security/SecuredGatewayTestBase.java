package dev.taskgateway.security;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway for every security test (one Spring context, shared through this class): API keys
 * for each role, a rate-limited key, a CORS allow-list, known secret values, four TikMatrix
 * sources on WireMock — two healthy PCs, one that echoes every request back in its errors, one
 * that redirects elsewhere — and an NXLink, a new-api and a Longlonglong source on the echo too.
 * The servers live as long as the JVM, like the cached context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class SecuredGatewayTestBase {

    /**
     * Every secret the gateway is configured with, by property. None may ever come back out: not in
     * a response, a log line, /actuator/env or /actuator/configprops. A new adapter adds its secret
     * properties here, on a source of its type pointed at {@link #ECHO} (see {@link #ECHO_SOURCES}).
     */
    static final Map<String, String> SECRETS = new LinkedHashMap<>();
    /** Secrets only clients hold (API keys, one of them stored as a hash): they never go upstream either. */
    static final List<String> CLIENT_SECRETS;

    static final String READ_KEY = "SECRET-reader-key-7f3a9c0d";
    static final String OPS_KEY = "SECRET-operator-key-1e5b77aa";
    static final String ADMIN_KEY = "SECRET-admin-key-c2d90f13";
    static final String LIMITED_KEY = "SECRET-limited-key-44e0b6de";
    static final String HASHED_KEY = "SECRET-hashed-key-a9f3e2b1";
    static final String METRICS_KEY = "SECRET-scraper-key-0b7d52e6";
    static final String ALLOWED_ORIGIN = "https://dashboard.example";

    static final WireMockServer PC_A = FakeTikmatrix.healthy();
    static final WireMockServer PC_B = FakeTikmatrix.healthy();
    static final WireMockServer ECHO = FakeTikmatrix.echoing();
    static final WireMockServer ELSEWHERE = FakeTikmatrix.elsewhere();
    static final WireMockServer REDIRECT = FakeTikmatrix.redirectingTo(ELSEWHERE);
    static final List<WireMockServer> UPSTREAMS = List.of(PC_A, PC_B, ECHO, REDIRECT, ELSEWHERE);
    /** Sources of every provider type whose upstream is {@link #ECHO}, by id. */
    static final List<String> ECHO_SOURCES = List.of("tm-echo", "nx-echo", "newapi-echo", "ll-echo");

    static {
        SECRETS.put("taskgateway.security.api-keys[0].key", READ_KEY);
        SECRETS.put("taskgateway.security.api-keys[1].key", OPS_KEY);
        SECRETS.put("taskgateway.security.api-keys[2].key", ADMIN_KEY);
        SECRETS.put("taskgateway.security.api-keys[3].key", LIMITED_KEY);
        SECRETS.put("(presented only; configured as key-sha256)", HASHED_KEY);
        SECRETS.put("taskgateway.security.api-keys[5].key", METRICS_KEY);
        SECRETS.put("taskgateway.cursor-secret", "SECRET-cursor-signing-5b1e0d2c");
        // Unused by TikMatrix, named like the other adapters' secrets: they must stay hidden all the same.
        SECRETS.put("taskgateway.sources.tm-echo.access-key", "SECRET-echo-access-key-91ad");
        SECRETS.put("taskgateway.sources.tm-echo.access-secret", "SECRET-echo-access-secret-3c7e");
        SECRETS.put("taskgateway.sources.tm-echo.access-token", "SECRET-echo-access-token-d04b");
        SECRETS.put("taskgateway.sources.tm-echo.token", "SECRET-echo-token-62f8");
        // The other adapters' real credentials, each on a source of its type answered by ECHO.
        SECRETS.put("taskgateway.sources.nx-echo.access-key", "SECRET-nxlink-access-key-5d21");
        SECRETS.put("taskgateway.sources.nx-echo.access-secret", "SECRET-nxlink-access-secret-e8c4");
        SECRETS.put("taskgateway.sources.newapi-echo.access-token", "SECRET-newapi-access-token-7a3f");
        SECRETS.put("taskgateway.sources.ll-echo.token", "SECRET-longlonglong-token-b90e");
        CLIENT_SECRETS = List.of(READ_KEY, OPS_KEY, ADMIN_KEY, LIMITED_KEY, HASHED_KEY, METRICS_KEY);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> UPSTREAMS.forEach(WireMockServer::stop)));
    }

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        SECRETS.forEach((property, value) -> {
            if (property.startsWith("taskgateway.")) {
                registry.add(property, () -> value);
            }
        });
        key(registry, 0, "reader", "read");
        key(registry, 1, "operator", "read,operate");
        key(registry, 2, "admin", "read,operate,admin");
        key(registry, 3, "limited", "read");
        registry.add("taskgateway.security.api-keys[3].rate-limit.limit-for-period", () -> "3");
        registry.add("taskgateway.security.api-keys[3].rate-limit.limit-refresh-period", () -> "10m");
        key(registry, 4, "hashed", "read");
        registry.add("taskgateway.security.api-keys[4].key-sha256",
                () -> HexFormat.of().formatHex(ApiKeyStore.sha256(HASHED_KEY)));
        key(registry, 5, "prometheus", "metrics");
        // Generous for everyone else, so the many requests of these tests are never refused for rate.
        registry.add("taskgateway.security.rate-limit.limit-for-period", () -> "1000000");
        registry.add("taskgateway.security.cors.allowed-origins[0]", () -> ALLOWED_ORIGIN);
        source(registry, "tm-a", PC_A);
        source(registry, "tm-b", PC_B);
        source(registry, "tm-echo", ECHO);
        source(registry, "tm-redirect", REDIRECT);
        source(registry, "nx-echo", "nxlink", ECHO);
        source(registry, "newapi-echo", "new-api", ECHO);
        registry.add("taskgateway.sources.newapi-echo.user-id", () -> "1");
        registry.add("taskgateway.sources.newapi-echo.scope", () -> "self");
        source(registry, "ll-echo", "longlonglong", ECHO);
        registry.add("taskgateway.sources.ll-echo.user-id", () -> "5832d184-dd53-42a0-8ace-0bf8d660f4cc");
    }

    private static void key(DynamicPropertyRegistry registry, int index, String name, String roles) {
        registry.add("taskgateway.security.api-keys[" + index + "].name", () -> name);
        registry.add("taskgateway.security.api-keys[" + index + "].roles", () -> roles);
    }

    private static void source(DynamicPropertyRegistry registry, String id, WireMockServer server) {
        source(registry, id, "tikmatrix", server);
    }

    private static void source(DynamicPropertyRegistry registry, String id, String type, WireMockServer server) {
        registry.add("taskgateway.sources." + id + ".type", () -> type);
        registry.add("taskgateway.sources." + id + ".base-url", server::baseUrl);
        registry.add("taskgateway.sources." + id + ".timezone", () -> "UTC");
        registry.add("taskgateway.sources." + id + ".timeout", () -> "3s");
        // Under the resilience stack: no breaker opens, no retries, no provider budget and no
        // fresh cache hits, so every request reaches the fakes as sent whatever ran before.
        registry.add("taskgateway.sources." + id + ".cache.fresh-ttl", () -> "0s");
        registry.add("resilience4j.circuitbreaker.instances." + id + ".sliding-window-type", () -> "TIME_BASED");
        registry.add("resilience4j.circuitbreaker.instances." + id + ".minimum-number-of-calls", () -> "1000000");
        registry.add("resilience4j.retry.instances." + id + ".max-attempts", () -> "1");
        registry.add("taskgateway.sources." + id + ".budget.limit", () -> "1000000");
    }

    @LocalServerPort
    int port;

    HttpProbe probe() {
        return new HttpProbe(port);
    }

    static int upstreamRequests() {
        return FakeTikmatrix.requestCount(UPSTREAMS);
    }
}
