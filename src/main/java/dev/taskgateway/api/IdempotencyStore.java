package dev.taskgateway.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/**
 * {@code Idempotency-Key} for actions: the same key with the same request within 24 h replays the
 * first answer without calling the provider again — also when that answer was an upstream failure
 * (502/503/504), since the action may have been carried out; the same key with another request is
 * a 422.
 * Keys are scoped by API key name, so two callers never see each other's answers. Bounded in
 * memory; a restart forgets them (documented in operations.md).
 */
class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** A first answer and the fingerprint of the request that made it. */
    private record Entry(byte[] fingerprint, CompletableFuture<ResponseEntity<Object>> answer) {
    }

    private final Cache<String, Entry> entries;

    IdempotencyStore(Duration ttl, long maxEntries) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).build();
    }

    /**
     * Runs {@code action} once per (caller, key): repeats with the same request get the first
     * answer; {@code idempotencyKey} null runs it every time.
     */
    ResponseEntity<Object> execute(String caller, String idempotencyKey, String requestSignature,
                                   Supplier<ResponseEntity<Object>> action) {
        if (idempotencyKey == null) {
            return action.get();
        }
        if (!SANE.matcher(idempotencyKey).matches()) {
            throw InvalidRequestException.of(HEADER, "must be 1 to 200 printable ASCII characters");
        }
        byte[] fingerprint = sha256(requestSignature);
        Entry mine = new Entry(fingerprint, new CompletableFuture<>());
        Entry existing = entries.asMap().putIfAbsent(caller + "\n" + idempotencyKey, mine);
        if (existing == null) {
            try {
                ResponseEntity<Object> answer = action.get();
                mine.answer().complete(answer);
                return answer;
            } catch (SourcesFailedException e) {
                // The provider failed or did not answer in time: the action may still have been
                // carried out, so running it again could do it twice. This answer is the one to
                // replay; the client checks the task and uses a new key to try again on purpose.
                mine.answer().completeExceptionally(e);
                throw e;
            } catch (RuntimeException e) {
                // Refused before anything reached the provider (bad input, conflict, unsupported):
                // nothing to protect, so the client may retry with the same key.
                entries.asMap().remove(caller + "\n" + idempotencyKey, mine);
                mine.answer().completeExceptionally(e);
                throw e;
            }
        }
        if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
            throw new IdempotencyMismatchException();
        }
        try {
            return existing.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key was used before with another request. */
    static final class IdempotencyMismatchException extends RuntimeException {
        IdempotencyMismatchException() {
            super("this Idempotency-Key was used with a different request in the last 24 hours", null, false, false);
        }
    }
}
