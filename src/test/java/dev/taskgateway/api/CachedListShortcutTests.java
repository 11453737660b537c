package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.FrontDoor;
import dev.taskgateway.testing.FrontDoorGatewayTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A repeated list answered by {@link CachedListShortcut} is the answer the whole chain gives, byte
 * for byte and header for header, and every request it is not sure of, every refusal included, is
 * still the chain's. A filter right behind the request scope filter counts what went down the chain.
 */
class CachedListShortcutTests extends FrontDoorGatewayTestBase {

    static final String LIST = "/tasks?size=5&status=running,failed";

    @Autowired
    MeterRegistry meters;
    @Autowired
    RenderedLists rendered;

    @BeforeEach
    void rendered() throws Exception {
        // The first asking renders through the chain and keeps the answer (or finds it kept).
        assertThat(front.get(LIST, "X-API-Key", READER).status()).isEqualTo(200);
    }

    @Test
    void aRepeatedListIsAnsweredBeforeTheChainWithTheChainsBytesHeadersAndEtag() throws Exception {
        long reusedBefore = rendered.reused();
        double timedBefore = timed("200");
        FrontDoor.Answer shortPath = front.passesTheChain(false, () -> front.get(LIST, "X-API-Key", READER));
        FrontDoor.Answer bearer = front.passesTheChain(false,
                () -> front.get(LIST, "Authorization", "Bearer " + READER));
        // (The chain's observation records after the last byte left, so only these two are counted here.)
        assertThat(timed("200") - timedBefore).as("http.server.requests counts each short-path answer: %s",
                Search.in(meters).name("http.server.requests").timers().stream()
                        .map(t -> t.getId().getTags() + "=" + t.count()).toList()).isEqualTo(2);
        // Asking for JSON among other types is the chain's to negotiate: the full path, same answer.
        FrontDoor.Answer fullPath = front.passesTheChain(true,
                () -> front.get(LIST, "X-API-Key", READER, "Accept", "application/json, */*"));

        assertThat(shortPath.status()).isEqualTo(200).isEqualTo(fullPath.status());
        assertThat(shortPath.body()).isEqualTo(fullPath.body()).isEqualTo(bearer.body()).contains("\"items\"");
        assertThat(shortPath.headers()).isEqualTo(fullPath.headers()).isEqualTo(bearer.headers())
                .containsKeys("etag", "cache-control", "x-content-type-options", "x-frame-options")
                .containsEntry("content-type", List.of("application/json"));
        assertThat(shortPath.requestId()).isNotBlank();
        assertThat(rendered.reused() - reusedBefore).as("every answer came from the rendered one").isEqualTo(3);
    }

    @Test
    void aMatchingIfNoneMatchIs304OnBothPaths() throws Exception {
        String etag = front.get(LIST, "X-API-Key", READER).headers().get("etag").get(0);
        double timedBefore = timed("304");
        FrontDoor.Answer shortPath = front.passesTheChain(false,
                () -> front.get(LIST, "X-API-Key", READER, "If-None-Match", etag));
        assertThat(timed("304") - timedBefore).isEqualTo(1);
        FrontDoor.Answer fullPath = front.passesTheChain(true,
                () -> front.get(LIST, "X-API-Key", READER, "If-None-Match", etag, "Accept", "application/json, */*"));
        assertThat(shortPath.status()).isEqualTo(304).isEqualTo(fullPath.status());
        assertThat(shortPath.body()).isEmpty();
        assertThat(shortPath.headers()).isEqualTo(fullPath.headers()).containsEntry("etag", List.of(etag));
        FrontDoor.Answer stale = front.passesTheChain(false,
                () -> front.get(LIST, "X-API-Key", READER, "If-None-Match", "W/\"other\""));
        assertThat(stale.status()).isEqualTo(200);
    }

    @Test
    void everyRefusalAndEveryRequestItIsNotSureOfIsTheChains() throws Exception {
        assertThat(front.passesTheChain(true, () -> front.get(LIST)).status()).as("no key").isEqualTo(401);
        assertThat(front.passesTheChain(true, () -> front.get(LIST, "X-API-Key", "not-a-key-we-know-12")).status())
                .as("a wrong key").isEqualTo(401);
        assertThat(front.passesTheChain(true, () -> front.get(LIST, "X-API-Key", SCRAPER)).status())
                .as("a key without read").isEqualTo(403);
        assertThat(front.passesTheChain(true, () -> front.get(LIST + "&size=7", "X-API-Key", READER)).status())
                .as("a single-valued parameter twice").isEqualTo(400);
        assertThat(front.passesTheChain(true, () -> front.get("/tasks?sise=5", "X-API-Key", READER)).status())
                .as("an unknown parameter").isEqualTo(400);
        assertThat(front.passesTheChain(true,
                () -> front.get(LIST, "X-API-Key", READER, "Cache-Control", "no-cache")).status())
                .as("no-cache reads again").isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.get(LIST, "X-API-Key", READER, "Origin", "https://elsewhere.example"))
                .status()).as("CORS is the chain's").isIn(200, 403);
        assertThat(front.passesTheChain(true, () -> front.get(LIST.replace(",", "%2C"), "X-API-Key", READER)).status())
                .as("a percent-escape is the firewall's to judge").isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.get(LIST, "X-API-Key", READER, "Accept", "text/csv")).status())
                .isEqualTo(406);
        assertThat(front.passesTheChain(true,
                () -> front.get("/tasks?size=5" + "&a=1".repeat(1020), "X-API-Key", READER))
                .status()).as("more parameters than Tomcat parses: the chain's 400, not a parse the shortcut spent")
                .isEqualTo(400);
        assertThat(front.passesTheChain(true, () -> front.get("/tasks?size=6", "X-API-Key", READER)).status())
                .as("a query never rendered yet").isEqualTo(200);
        assertThat(front.passesTheChain(true,
                () -> front.send("HEAD", LIST, "X-API-Key", READER)).status()).isEqualTo(200);
    }

    @Test
    void answersFromEitherPathSpendTheKeysRateLimitOnceAndTheNextIsRefused() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(front.get(LIST, "X-API-Key", LIMITED).status());
        }
        // 4 per hour: the first may have rendered through the chain, the rest came from the short path.
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
        FrontDoor.Answer refused = front.get(LIST, "X-API-Key", LIMITED);
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(refused.body()).contains("/problems/rate-limited");
    }

    private double timed(String status) {
        return Search.in(meters).name("http.server.requests").tags("uri", "/tasks", "status", status, "method", "GET")
                .timers().stream().mapToDouble(t -> t.count()).sum();
    }
}
