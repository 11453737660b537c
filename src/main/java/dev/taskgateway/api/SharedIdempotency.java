package dev.taskgateway.api;

import dev.taskgateway.core.SourceReport;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.state.SharedStateUnavailableException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link IdempotencyStore}'s keys in the shared store ({@code taskgateway.state.store=redis}): the
 * first request claims (caller, key) atomically across replicas, the others see it in progress (409)
 * or replay its answer, kept as JSON for 24 h. Same rules as in memory: only answers that reflect
 * what the provider did are kept. When the shared store does not answer, an action with a key is
 * refused with 503 before it is sent ({@link SharedStateUnavailableException}): running it without
 * the claim could run it twice.
 *
 * <p>If the answer cannot be stored after the action ran, the client still gets it, and the key
 * stays "in progress" until its TTL: a retry then gets 409, never a second run.
 */
final class SharedIdempotency {

    private static final Logger LOG = LoggerFactory.getLogger(SharedIdempotency.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SourceReport>> REPORTS = new TypeReference<>() { };

    private final SharedState shared;
    private final Duration ttl;

    SharedIdempotency(SharedState shared, Duration ttl) {
        this.shared = shared;
        this.ttl = ttl;
    }

    ResponseEntity<Object> execute(String caller, String idempotencyKey, byte[] fingerprint,
                                   Supplier<ResponseEntity<Object>> action) {
        String key = "idem:" + caller + ":" + HexFormat.of().formatHex(IdempotencyStore.sha256(idempotencyKey));
        String fp = HexFormat.of().formatHex(fingerprint);
        ObjectNode running = JSON.createObjectNode().put("fp", fp).put("run", UUID.randomUUID().toString());
        String claim = running.toString();
        String existing = shared.claim(key, claim, ttl);
        if (existing != null) {
            return replay(JSON.readTree(existing), fp);
        }
        boolean kept = false;
        try {
            ResponseEntity<Object> answer = action.get();
            kept = keep(key, JSON.createObjectNode().put("fp", fp).put("status", answer.getStatusCode().value())
                    .set("body", JSON.valueToTree(answer.getBody())));
            return answer;
        } catch (SourcesFailedException e) {
            if (!(e instanceof LocalRefusalException)) {
                kept = keep(key, JSON.createObjectNode().put("fp", fp).set("failure", JSON.valueToTree(e.reports())));
            }
            throw e;
        } finally {
            if (!kept) {
                forget(key, claim);
            }
        }
    }

    private boolean keep(String key, ObjectNode entry) {
        try {
            shared.put(key, entry.toString(), ttl);
        } catch (SharedStateUnavailableException e) {
            LOG.warn("an action's answer could not be kept for Idempotency-Key replay; its key stays in progress");
        }
        // Either way the claim is not to be released: the action reached the provider.
        return true;
    }

    private void forget(String key, String claim) {
        try {
            shared.release(key, claim);
        } catch (SharedStateUnavailableException e) {
            LOG.warn("an Idempotency-Key whose action never reached the provider could not be released");
        }
    }

    private static ResponseEntity<Object> replay(JsonNode existing, String fp) {
        if (!fp.equals(existing.path("fp").asString())) {
            throw new IdempotencyStore.IdempotencyMismatchException();
        }
        if (existing.has("failure")) {
            throw new SourcesFailedException(JSON.convertValue(existing.get("failure"), REPORTS));
        }
        if (!existing.has("status")) {
            throw new IdempotencyStore.IdempotencyInProgressException();
        }
        return ResponseEntity.status(existing.get("status").asInt()).body(existing.get("body"));
    }
}
