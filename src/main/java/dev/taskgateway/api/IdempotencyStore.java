package dev.taskgateway.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.taskgateway.state.SharedState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;

/**
 * {@code Idempotency-Key} for actions: the same key with the same request within 24 h replays the
 * first answer without calling the provider again — also when that answer was an upstream failure
 * (502/503/504), since the action may have been carried out; the same key with another request is
 * a 422; the same key while the first request still runs is a 409 (never a wait).
 *
 * <p>Only answers that reflect what the provider did or refused are kept: a refusal that never
 * reached it (bad input, conflict, open circuit, the gateway's own limiter or bulkhead, a failed
 * pre-read — {@link LocalRefusalException}) is forgotten, so the same key can be used again.
 *
 * <p>Keys are scoped by API key name, so two callers never see each other's answers, and each
 * caller has its own quota of kept answers: one caller sending unique keys evicts only its own
 * oldest answers, never another caller's, and a request still in progress is never evicted (its
 * entry weighs nothing until it completes). Callers are the configured API keys, so the number of
 * quotas is bounded. In memory; a restart forgets them (documented in operations.md).
 */
class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    private static final Pattern SANE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    /** A request's fingerprint and, once it completed, its answer or its upstream failure. */
    private record Entry(byte[] fingerprint, ResponseEntity<Object> answer, SourcesFailedException failure) {
        boolean inProgress() {
            return answer == null && failure == null;
        }
    }

    private final Duration ttl;
    private final long perCaller;
    private final ConcurrentMap<String, Cache<String, Entry>> byCaller = new ConcurrentHashMap<>();
    /** Keys in the shared store ({@code taskgateway.state.store=redis}), or null: in memory as above. */
    private final SharedIdempotency shared;

    /**
     * @param ttl       how long an answer is kept
     * @param perCaller how many completed answers each caller keeps at most
     */
    IdempotencyStore(Duration ttl, long perCaller) {
        this(ttl, perCaller, null);
    }

    /** Keys kept in {@code shared} (null: in memory), so every replica sees them. */
    IdempotencyStore(Duration ttl, long perCaller, SharedState shared) {
        this.ttl = ttl;
        this.perCaller = perCaller;
        this.shared = shared == null ? null : new SharedIdempotency(shared, ttl);
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
        if (shared != null) {
            return shared.execute(caller, idempotencyKey, fingerprint, action);
        }
        Cache<String, Entry> entries = byCaller.computeIfAbsent(caller, c -> newCache());
        Entry running = new Entry(fingerprint, null, null);
        Entry existing = entries.asMap().putIfAbsent(idempotencyKey, running);
        if (existing != null) {
            return replay(existing, fingerprint);
        }
        boolean kept = false;
        try {
            ResponseEntity<Object> answer = action.get();
            entries.put(idempotencyKey, new Entry(fingerprint, answer, null));
            kept = true;
            return answer;
        } catch (SourcesFailedException e) {
            // The provider failed or did not answer in time: the action may still have been
            // carried out, so running it again could do it twice. This answer is the one to
            // replay; the client checks the task and uses a new key to try again on purpose.
            // A refusal that never reached the provider protects nothing and is not kept.
            if (!(e instanceof LocalRefusalException)) {
                entries.put(idempotencyKey, new Entry(fingerprint, null, e));
                kept = true;
            }
            throw e;
        } finally {
            // Anything else (bad input, conflict, unsupported, and any Error) sent nothing the
            // client must not repeat: forget the key, so no retry ever meets an unfinished entry.
            if (!kept) {
                entries.asMap().remove(idempotencyKey, running);
            }
        }
    }

    /** Completed answers kept for {@code caller} now (in-progress requests not counted). */
    long kept(String caller) {
        Cache<String, Entry> entries = byCaller.get(caller);
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.asMap().values().stream().filter(e -> !e.inProgress()).count();
    }

    private static ResponseEntity<Object> replay(Entry existing, byte[] fingerprint) {
        if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
            throw new IdempotencyMismatchException();
        }
        if (existing.inProgress()) {
            throw new IdempotencyInProgressException();
        }
        if (existing.failure() != null) {
            throw existing.failure();
        }
        return existing.answer();
    }

    private Cache<String, Entry> newCache() {
        // Weight 0 keeps in-progress entries out of size-based eviction; maintenance runs on the
        // calling thread so the bound holds at once rather than whenever a pool gets to it.
        return Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(perCaller)
                .<String, Entry>weigher((key, entry) -> entry.inProgress() ? 0 : 1)
                .executor(Runnable::run).build();
    }

    static byte[] sha256(String text) {
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

    /** The first request with this key has not finished yet; retry after it has. */
    static final class IdempotencyInProgressException extends RuntimeException {
        /** Seconds a client should wait before it asks again. */
        static final long RETRY_AFTER_SECONDS = 1;

        IdempotencyInProgressException() {
            super("a request with this Idempotency-Key is still in progress; retry after it has finished", null,
                    false, false);
        }
    }
}
