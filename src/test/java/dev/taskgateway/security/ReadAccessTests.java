package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * The chain's decision on a read, made for the list's shortcut: yes only for a configured key with
 * role {@code read}, from an address not blocked, with a permit of its rate limit; every "no" takes
 * and counts nothing, so the chain that then answers counts it once.
 */
class ReadAccessTests {

    private static final String READER = "reader-key-0123456789";
    private static final String SCRAPER = "scraper-key-0123456789";
    private static final String ADDRESS = "192.0.2.7";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T06:00:00Z"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SecurityProperties properties = properties();
    private final FailedAuthLimits failedAuth = new FailedAuthLimits(properties.getFailedAuth(), clock, meters);
    private final ReadAccess access = new ReadAccess(ApiKeyStore.of(16, properties.getApiKeys()),
            ApiKeyRateLimits.of(properties), failedAuth);

    @Test
    void aConfiguredKeyWithRoleReadIsGrantedByEitherHeader() {
        assertThat(access.grants(request("X-API-Key", READER))).isTrue();
        assertThat(access.grants(request("Authorization", "Bearer " + READER))).isTrue();
        assertThat(access.grants(request("Authorization", "bearer  " + READER + " "))).isTrue();
    }

    @Test
    void noKeyAWrongKeyOrAKeyWithoutReadIsLeftToTheChain() {
        assertThat(access.grants(request(null, null))).isFalse();
        assertThat(access.grants(request("Authorization", "Basic " + READER))).isFalse();
        assertThat(access.grants(request("X-API-Key", "not-a-key-we-know-1234"))).isFalse();
        assertThat(access.grants(request("X-API-Key", SCRAPER))).isFalse();
        assertThat(meters.get("taskgateway.auth.failures").counter().count())
                .as("the chain counts the wrong key when it refuses it").isZero();
    }

    @Test
    void aBlockedAddressIsLeftToTheChainWithoutCountingTheRefusalTwice() {
        failedAuth.failed(ADDRESS);
        failedAuth.failed(ADDRESS);
        assertThat(access.grants(request("X-API-Key", READER))).isFalse();
        assertThat(meters.get("taskgateway.auth.refused").counter().count()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(access.grants(request("X-API-Key", READER))).as("the block has passed").isTrue();
    }

    @Test
    void eachGrantSpendsOnePermitAndNoPermitMeansTheChainAnswers429() {
        assertThat(access.grants(request("X-API-Key", READER))).isTrue();
        assertThat(access.grants(request("X-API-Key", READER))).isTrue();
        assertThat(access.grants(request("X-API-Key", READER))).isTrue();
        assertThat(access.grants(request("X-API-Key", READER))).as("3 per hour").isFalse();
    }

    private static MockHttpServletRequest request(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/tasks");
        request.setRemoteAddr(ADDRESS);
        if (header != null) {
            request.addHeader(header, value);
        }
        return request;
    }

    private static SecurityProperties properties() {
        SecurityProperties properties = new SecurityProperties();
        properties.setApiKeys(List.of(key("reader", READER, "read"), key("scraper", SCRAPER, "metrics")));
        properties.getRateLimit().setEnabled(true);
        properties.getRateLimit().setLimitForPeriod(3);
        properties.getRateLimit().setLimitRefreshPeriod(Duration.ofHours(1));
        properties.getFailedAuth().setLimit(2);
        properties.getFailedAuth().setPeriod(Duration.ofMinutes(1));
        return properties;
    }

    private static SecurityProperties.ApiKey key(String name, String key, String role) {
        SecurityProperties.ApiKey apiKey = new SecurityProperties.ApiKey();
        apiKey.setName(name);
        apiKey.setKey(key);
        apiKey.setRoles(Set.of(role));
        return apiKey;
    }
}
