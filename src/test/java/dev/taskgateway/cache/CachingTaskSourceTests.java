package dev.taskgateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.resilience.FakeTaskSource;
import dev.taskgateway.resilience.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingTaskSourceTests {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final UpstreamQuery QUERY = new UpstreamQuery(null, null, null, null, 1, 100);
    private static final SourceException DOWN = new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "provider failed (HTTP 503)");

    private final MutableClock clock = new MutableClock(START);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PageCache cache = new PageCache(1_000, clock, executor);
    private final FakeTaskSource upstream = FakeTaskSource.of("src", "fake");
    private final CachingTaskSource source = new CachingTaskSource(upstream, cache, clock, Duration.ofSeconds(15),
            Duration.ofMinutes(10), meters);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void freshPageAnswersWithoutAskingTheUpstreamAndKeepsItsFetchTime() {
        source.fetch(QUERY);
        clock.advance(Duration.ofSeconds(14));

        UpstreamPage page = source.fetch(QUERY);

        assertThat(upstream.calls()).isEqualTo(1);
        assertThat(page.fetchedAt()).isEqualTo(START);
        assertThat(page.staleCause()).isNull();
        assertThat(count("hit")).isEqualTo(1);
        assertThat(count("miss")).isEqualTo(1);
    }

    @Test
    void pageOlderThanFreshTtlIsFetchedAgain() {
        source.fetch(QUERY);
        clock.advance(Duration.ofSeconds(15));

        UpstreamPage page = source.fetch(QUERY);

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(page.fetchedAt()).isEqualTo(START.plusSeconds(15));
    }

    @Test
    void failedRefetchWithinStaleTtlServesTheCachedPageMarkedStale() {
        UpstreamPage first = source.fetch(QUERY);
        clock.advance(Duration.ofMinutes(9));
        upstream.always(DOWN);

        UpstreamPage page = source.fetch(QUERY);

        assertThat(page.tasks()).isEqualTo(first.tasks());
        assertThat(page.fetchedAt()).isEqualTo(START);
        assertThat(page.staleCause()).isSameAs(DOWN);
        assertThat(count("stale")).isEqualTo(1);
    }

    @Test
    void failureAfterTheStaleTtlReachesTheCaller() {
        source.fetch(QUERY);
        clock.advance(Duration.ofMinutes(10));
        upstream.always(DOWN);

        assertThatThrownBy(() -> source.fetch(QUERY)).isSameAs(DOWN);
    }

    @Test
    void noCacheSkipsAFreshPageButStillFallsBackToItOnFailure() {
        source.fetch(QUERY);
        try (CallContext.Scope scope = CallContext.open(new CallContext(true, null))) {
            assertThat(source.fetch(QUERY).staleCause()).isNull();
            assertThat(upstream.calls()).isEqualTo(2);
            upstream.always(DOWN);
            assertThat(source.fetch(QUERY).staleCause()).isSameAs(DOWN);
        }
    }

    @Test
    void passedDeadlineAnswersStaleAtOnceWhileTheUpstreamHangs() throws Exception {
        source.fetch(QUERY);
        clock.advance(Duration.ofMinutes(1));
        upstream.closed();
        try (CallContext.Scope scope = CallContext.open(CallContext.within(Duration.ZERO, false))) {
            UpstreamPage page = source.fetch(QUERY);

            assertThat(page.staleCause().code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
            assertThat(page.fetchedAt()).isEqualTo(START);
        } finally {
            upstream.open();
        }
    }

    @Test
    void passedDeadlineWithoutCachedPageIsATimeout() {
        upstream.closed();
        try (CallContext.Scope scope = CallContext.open(CallContext.within(Duration.ZERO, false))) {
            assertThatThrownBy(() -> source.fetch(QUERY)).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT));
        } finally {
            upstream.open();
        }
    }

    @Test
    void fiftyConcurrentIdenticalFetchesShareOneUpstreamCall() throws Exception {
        upstream.closed();
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try (CallContext.Scope scope = CallContext.open(new CallContext(true, null))) {
            List<Future<UpstreamPage>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> source.fetch(QUERY)));
            }
            assertThat(upstream.awaitEntered()).isTrue();
            org.awaitility.Awaitility.await().until(() -> count("miss") == 50);
            upstream.open();
            for (Future<UpstreamPage> answer : answers) {
                assertThat(answer.get().tasks()).hasSize(2);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(upstream.calls()).isEqualTo(1);
    }

    @Test
    void actionDropsTheSourcesPagesAndIsNeverCached() {
        source.fetch(QUERY);
        source.perform(TaskAction.STOP, "1");

        source.fetch(QUERY);

        assertThat(upstream.calls()).isEqualTo(2);
        assertThat(upstream.performed()).containsExactly(TaskAction.STOP);
        assertThat(cache.entries("src")).isEqualTo(1);
    }

    @Test
    void loadRunningDuringAnActionDoesNotStoreWhatItRead() throws Exception {
        upstream.closed();
        Future<UpstreamPage> pending = executor.submit(() -> source.fetch(QUERY));
        assertThat(upstream.awaitEntered()).isTrue();
        source.perform(TaskAction.STOP, "1");
        upstream.open();
        pending.get();

        assertThat(cache.entries("src")).isZero();
    }

    @Test
    void callerAfterAnActionDoesNotJoinALoadStartedBeforeIt() throws Exception {
        upstream.closed();
        Future<UpstreamPage> before = executor.submit(() -> source.fetch(QUERY));
        assertThat(upstream.awaitEntered()).isTrue();
        source.perform(TaskAction.STOP, "1");
        Future<UpstreamPage> after = executor.submit(() -> source.fetch(QUERY));
        org.awaitility.Awaitility.await().until(() -> upstream.calls() == 2);
        upstream.open();
        before.get();
        after.get();

        assertThat(upstream.calls()).isEqualTo(2);
    }

    @Test
    void memoryIsBoundedByTheTasksCachedPages() {
        PageCache small = new PageCache(10, clock, Runnable::run);
        CachingTaskSource bounded = new CachingTaskSource(
                upstream.always(FakeTaskSource.page("src", TaskStatus.RUNNING, TaskStatus.RUNNING, TaskStatus.RUNNING)),
                small, clock, Duration.ofMinutes(1), Duration.ofMinutes(2), meters);
        for (int page = 1; page <= 10; page++) {
            bounded.fetch(QUERY.withPage(page));
        }
        small.caffeine().cleanUp();

        assertThat(small.caffeine().policy().eviction().orElseThrow().weightedSize().orElseThrow()).isLessThanOrEqualTo(10);
        assertThat(small.caffeine().stats().evictionCount()).isPositive();
    }

    @Test
    void freshTtlLongerThanStaleTtlIsRefused() {
        assertThatThrownBy(() -> new CachingTaskSource(upstream, cache, clock, Duration.ofMinutes(2),
                Duration.ofMinutes(1), meters)).hasMessageContaining("fresh TTL");
    }

    private double count(String result) {
        return meters.get("taskgateway.cache.requests").tag("source", "src").tag("result", result).counter().count();
    }
}
