package dev.taskgateway.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.api.TaskBody;
import dev.taskgateway.core.ReadKey;
import dev.taskgateway.core.ReadSnapshot;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import dev.taskgateway.testing.LoopbackPorts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis scripts behind {@link SharedState}, against a real {@code redis-server}: each
 * check-and-change is atomic and keeps its own rules, whoever calls it.
 */
class RedisSharedStateTests {

    private static RedisServer redis;
    private static LettuceConnectionFactory connections;
    private static RedisMessageListenerContainer container;
    private static final AtomicInteger NAMES = new AtomicInteger();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
                // Generous: a loaded CI machine must not turn a slow answer into a failed test here.
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
        connections.afterPropertiesSet();
        connections.start();
        container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.afterPropertiesSet();
        container.start();
    }

    @AfterAll
    static void stop() throws Exception {
        container.destroy();
        connections.destroy();
        redis.close();
    }

    private static SharedState store(SharedStateStatus status) {
        StringRedisTemplate template = new StringRedisTemplate(connections);
        RedisSharedState shared = new RedisSharedState(template, container, "test" + NAMES.incrementAndGet() + ":",
                status);
        shared.subscribe();
        return shared;
    }

    private static SharedStateStatus status() {
        return new SharedStateStatus(StateProperties.Store.REDIS, Clock.systemUTC(), Duration.ZERO);
    }

    @Test
    void aSharedReadKeepsEachRawRecordCompactAndWritesItAsTheReplicaThatReadItDoes() {
        RedisSharedReads reads = new RedisSharedReads(store(status()));
        Task task = Task.builder(TaskId.of("src", "1"), "nxlink", TaskKind.OUTBOUND_CALL)
                .raw(RawJson.of(LenientJson.MAPPER.readTree("""
                        {"taskName":"中文 é \\u0001","big":123456789012345678901234567890,"f":1.50,
                         "nested":{"list":[true,null,{}],"n":null}}"""))).build();
        ReadKey key = new ReadKey("src", new UpstreamQuery(null, null, null, null, 1, 20), null);
        reads.put(new ReadSnapshot(key, 20, 1, List.of(task), null, true, false, 1L, true,
                Instant.parse("2026-01-01T00:00:00Z"), Duration.ZERO), Duration.ofMinutes(1));

        Task shared = reads.get(key).orElseThrow().tasks().get(0);

        assertThat(shared.raw()).as("held as its compact text, as the replica that read it holds it")
                .isInstanceOf(RawJson.class).isEqualTo(task.raw());
        assertThat(shared).isEqualTo(task);
        JsonMapper api = JsonMapper.builder().build();
        assertThat(api.writeValueAsString(TaskBody.from(shared))).isEqualTo(api.writeValueAsString(TaskBody.from(task)));
    }

    @Test
    void aKeyIsClaimedOnceAndReleasedOnlyByItsOwnClaim() {
        SharedState shared = store(status());

        assertThat(shared.claim("k", "first", Duration.ofMinutes(1))).isNull();
        assertThat(shared.claim("k", "second", Duration.ofMinutes(1))).isEqualTo("first");
        shared.release("k", "second");
        assertThat(shared.claim("k", "third", Duration.ofMinutes(1))).isEqualTo("first");
        shared.release("k", "first");
        assertThat(shared.claim("k", "fourth", Duration.ofMinutes(1))).isNull();
    }

    @Test
    void aWindowLetsItsLimitThroughThenSaysHowLongToWait() {
        SharedState shared = store(status());

        assertThat(shared.acquireWindow("w", 2, Duration.ofHours(1))).isZero();
        assertThat(shared.acquireWindow("w", 2, Duration.ofHours(1))).isZero();
        assertThat(shared.acquireWindow("w", 2, Duration.ofHours(1))).isPositive()
                .isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void aFinishedSlotStaysInTheLogForItsHoldAndARunningOneUntilReleased() {
        SharedState shared = store(status());
        Duration lease = Duration.ofMinutes(10);

        assertThat(shared.acquireSlot("log", "one", 2, lease)).isZero();
        assertThat(shared.acquireSlot("log", "two", 2, lease)).isZero();
        assertThat(shared.acquireSlot("log", "three", 2, lease)).as("both running").isPositive();
        assertThat(shared.slots("log")).isEqualTo(2);

        shared.releaseSlot("log", "one", Duration.ofHours(1), Duration.ofHours(2));
        long wait = shared.acquireSlot("log", "three", 2, lease);
        assertThat(wait).as("one finished but held for the period, two still running").isPositive();

        shared.releaseSlot("log", "two", Duration.ZERO, Duration.ofHours(2));
        assertThat(shared.acquireSlot("log", "three", 2, lease)).as("two left the log at once").isZero();
    }

    @Test
    void aCounterLivesForItsPeriodFromTheFirstCount() {
        SharedState shared = store(status());

        assertThat(shared.counter("c")).containsExactly(0, 0);
        assertThat(shared.increment("c", Duration.ofHours(1))).isEqualTo(1);
        assertThat(shared.increment("c", Duration.ofHours(1))).isEqualTo(2);
        long[] counter = shared.counter("c");
        assertThat(counter[0]).isEqualTo(2);
        assertThat(counter[1]).isPositive().isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void aFailedCallIsFlaggedAndLaterCallsSkipRedisUntilRetryAfter() {
        Clock still = Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC);
        SharedStateStatus status = new SharedStateStatus(StateProperties.Store.REDIS, still, Duration.ofSeconds(1));
        LettuceConnectionFactory nowhere = unreachable();
        try {
            failsAndIsFlagged(new RedisSharedState(new StringRedisTemplate(nowhere), container, "broken:", status),
                    status);
        } finally {
            nowhere.destroy();
        }
    }

    private static void failsAndIsFlagged(SharedState shared, SharedStateStatus status) {
        assertThatThrownBy(() -> shared.acquireWindow("w", 1, Duration.ofSeconds(1)))
                .isInstanceOf(SharedStateUnavailableException.class);
        assertThat(status.snapshot().available()).isFalse();
        assertThat(status.snapshot().lastError()).isNotBlank();
        assertThat(status.skipping()).isTrue();
        assertThatThrownBy(() -> shared.claim("k", "v", Duration.ofSeconds(1)))
                .isInstanceOf(SharedStateUnavailableException.class)
                .hasMessageContaining("failed recently");
    }

    /**
     * Spring's order at start-up: the listener is added, then the container starts. With Redis
     * down neither may fail, or a replica could not start during a Redis outage.
     */
    @Test
    void aReplicaStartsWhileRedisIsDown() throws Exception {
        LettuceConnectionFactory nowhere = unreachable();
        RedisMessageListenerContainer idle = new RedisMessageListenerContainer();
        idle.setConnectionFactory(nowhere);
        idle.afterPropertiesSet();
        try {
            RedisSharedState shared = new RedisSharedState(new StringRedisTemplate(nowhere), idle, "down:", status());
            idle.start();
            shared.subscribe();
            assertThat(idle.isRunning()).isTrue();
        } finally {
            idle.destroy();
            nowhere.destroy();
        }
    }

    /** A factory for a port nobody listens on: connecting fails within its timeout. */
    private static LettuceConnectionFactory unreachable() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", LoopbackPorts.unused()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(300)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
