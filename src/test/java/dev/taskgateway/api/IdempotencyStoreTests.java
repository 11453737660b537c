package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.ResponseEntity;

/**
 * The store alone: what is kept, what is forgotten, that nothing ever waits, and that callers'
 * quotas are their own. {@code @Timeout} only turns a hang (the old behaviour) into a failure.
 */
@Timeout(10)
class IdempotencyStoreTests {

    private final IdempotencyStore store = new IdempotencyStore(Duration.ofHours(24), 3);
    private final AtomicInteger runs = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedRequests() {
        release.countDown();
    }

    @Test
    void anErrorInTheFirstRequestLeavesTheKeyFreeForARetry() {
        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /x", () -> {
            runs.incrementAndGet();
            throw new StackOverflowError("boom");
        })).isInstanceOf(StackOverflowError.class);

        ResponseEntity<Object> retried = store.execute("ops", "k1", "POST /x", counted("second"));

        assertThat(retried.getBody()).isEqualTo("second");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aRetryWhileTheFirstIsRunningIsRefusedAtOnceAndTheFirstAnswerIsKept() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<ResponseEntity<Object>> first = CompletableFuture.supplyAsync(
                () -> store.execute("ops", "k1", "POST /x", blocking(entered, "first")));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /x", counted("second")))
                .isInstanceOf(IdempotencyStore.IdempotencyInProgressException.class)
                .hasMessageContaining("in progress");
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).getBody()).isEqualTo("first");
        assertThat(store.execute("ops", "k1", "POST /x", counted("third")).getBody()).isEqualTo("first");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRefusalThatNeverReachedTheProviderIsNotKept() {
        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /x", () -> {
            runs.incrementAndGet();
            throw new LocalRefusalException(List.of());
        })).isInstanceOf(LocalRefusalException.class);

        assertThat(store.execute("ops", "k1", "POST /x", counted("done")).getBody()).isEqualTo("done");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aProviderFailureIsKeptAndReplayedWithoutRunningAgain() {
        SourcesFailedException failure = new SourcesFailedException(List.of());
        Supplier<ResponseEntity<Object>> failing = () -> {
            runs.incrementAndGet();
            throw failure;
        };

        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /x", failing)).isSameAs(failure);
        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /x", counted("again"))).isSameAs(failure);
        assertThat(runs).hasValue(1);
    }

    @Test
    void oneCallerSendingUniqueKeysNeverEvictsAnotherCallersAnswer() {
        store.execute("billing", "create-1", "POST /x", counted("created"));

        for (int i = 0; i < 50; i++) {
            store.execute("flooder", "key-" + i, "POST /x", counted("flood"));
        }

        assertThat(store.execute("billing", "create-1", "POST /x", counted("created twice")).getBody())
                .isEqualTo("created");
        assertThat(store.kept("flooder")).isLessThanOrEqualTo(3);
        assertThat(store.kept("billing")).isEqualTo(1);
    }

    @Test
    void anInProgressEntryIsNeverEvictedByItsOwnCallersLaterKeys() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture<ResponseEntity<Object>> first = CompletableFuture.supplyAsync(
                () -> store.execute("ops", "slow", "POST /create", blocking(entered, "created")));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 50; i++) {
            store.execute("ops", "key-" + i, "POST /x", counted("other"));
        }

        assertThatThrownBy(() -> store.execute("ops", "slow", "POST /create", counted("created twice")))
                .isInstanceOf(IdempotencyStore.IdempotencyInProgressException.class);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getBody()).isEqualTo("created");
        assertThat(store.execute("ops", "slow", "POST /create", counted("created twice")).getBody())
                .isEqualTo("created");
    }

    @Test
    void aKeyReusedWithAnotherRequestIsAMismatchEvenWhileTheFirstRuns() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CompletableFuture.supplyAsync(() -> store.execute("ops", "k1", "POST /a", blocking(entered, "a")));
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> store.execute("ops", "k1", "POST /b", counted("b")))
                .isInstanceOf(IdempotencyStore.IdempotencyMismatchException.class);
    }

    private Supplier<ResponseEntity<Object>> counted(String body) {
        return () -> {
            runs.incrementAndGet();
            return ResponseEntity.ok(body);
        };
    }

    private Supplier<ResponseEntity<Object>> blocking(CountDownLatch entered, String body) {
        return () -> {
            runs.incrementAndGet();
            entered.countDown();
            try {
                if (!release.await(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ResponseEntity.ok(body);
        };
    }
}
