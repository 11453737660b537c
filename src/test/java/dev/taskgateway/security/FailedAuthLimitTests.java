package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Invalid keys are limited per client address: after the limit, requests with a key — even a
 * valid one — get 429 with Retry-After; requests without a key are untouched; both are counted.
 * The gateway's context has a limit of 3 per 10 minutes; the window's end is checked on the
 * limits alone with a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "taskgateway.security.failed-auth.limit=3", "taskgateway.security.failed-auth.period=10m",
        "taskgateway.security.api-keys[0].name=reader", "taskgateway.security.api-keys[0].key=reader-key-failed-auth",
        "taskgateway.security.api-keys[0].roles=read"})
@ActiveProfiles("test")
class FailedAuthLimitTests {

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAddressSendingTooManyInvalidKeysGets429WithRetryAfterEvenForAValidKey() {
        HttpProbe http = new HttpProbe(port);
        double failuresBefore = count("taskgateway.auth.failures");
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/sources", "X-API-Key", "guess-" + i).status()).isEqualTo(401);
        }

        HttpProbe.Answer guess = http.get("/sources", "X-API-Key", "guess-4");
        HttpProbe.Answer valid = http.get("/sources", "Authorization", "Bearer reader-key-failed-auth");
        HttpProbe.Answer withoutKey = http.get("/actuator/health");

        assertThat(guess.status()).isEqualTo(429);
        assertThat(Long.parseLong(guess.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(guess.json().path("type").asString()).isEqualTo("/problems/rate-limited");
        assertThat(guess.json().path("detail").asString()).contains("invalid API keys");
        assertThat(valid.status()).isEqualTo(429);
        assertThat(withoutKey.status()).isEqualTo(200);
        assertThat(count("taskgateway.auth.failures") - failuresBefore).isEqualTo(3);
        assertThat(count("taskgateway.auth.refused")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anAddressMayTryAgainOnceItsPeriodHasPassedAndOtherAddressesNeverWait() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        SecurityProperties.FailedAuth settings = new SecurityProperties.FailedAuth();
        settings.setLimit(2);
        settings.setPeriod(Duration.ofMinutes(1));
        FailedAuthLimits limits = new FailedAuthLimits(settings, clock, new SimpleMeterRegistry());

        limits.failed("192.0.2.1");
        assertThat(limits.check("192.0.2.1")).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        limits.failed("192.0.2.1");

        assertThat(limits.check("192.0.2.1")).hasValue(40);
        assertThat(limits.check("192.0.2.2")).isEmpty();
        clock.advance(Duration.ofSeconds(40));
        assertThat(limits.check("192.0.2.1")).isEmpty();
    }

    private double count(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
