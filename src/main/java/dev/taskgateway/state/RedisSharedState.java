package dev.taskgateway.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@link SharedState} on one Redis (standalone or behind Sentinel; scripts build keys, so not Redis
 * Cluster). Every check-and-change is one Lua script, so replicas never interleave inside it, and
 * windows and logs use Redis' own clock ({@code TIME}), so replicas with skewed clocks still agree.
 * Each call runs within {@code spring.data.redis.timeout}; after a failure, calls fail at once for
 * {@code taskgateway.state.retry-after} ({@link SharedStateStatus}).
 *
 * <p>Why scripts rather than Bucket4j's Redis integration: the provider budget must be a sliding
 * log that holds a slot while its call is in flight and for the provider's whole window after it
 * ends — what new-api counts — which no token bucket models; with that script in place, the per-key
 * window and the failed-auth counter are three lines each, and one dependency fewer.
 */
final class RedisSharedState implements SharedState {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSharedState.class);

    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;
    private static final RedisScript<String> CLAIM = new DefaultRedisScript<>("""
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
            return redis.call('GET', KEYS[1])
            """, String.class);
    private static final RedisScript<Long> RELEASE = new DefaultRedisScript<>("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);
    private static final RedisScript<Long> WINDOW = new DefaultRedisScript<>(NOW + """
            local period = tonumber(ARGV[2])
            local window = math.floor(now / period)
            local key = KEYS[1] .. ':' .. window
            local n = redis.call('INCR', key)
            if n == 1 then redis.call('PEXPIRE', key, period) end
            if n <= tonumber(ARGV[1]) then return 0 end
            return (window + 1) * period - now
            """, Long.class);
    private static final RedisScript<Long> INCREMENT = new DefaultRedisScript<>("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """, Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> COUNTER = new DefaultRedisScript<>("""
            local n = redis.call('GET', KEYS[1])
            if not n then return {0, 0} end
            return {tonumber(n), redis.call('PTTL', KEYS[1])}
            """, List.class);
    /** A slot's score is when it leaves the log; a running slot's is its lease, moved by {@link #RELEASE_SLOT}. */
    private static final RedisScript<Long> ACQUIRE_SLOT = new DefaultRedisScript<>(NOW + """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
              redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
              redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
              return 0
            end
            local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(first[2]) - now)
            """, Long.class);
    private static final RedisScript<Long> RELEASE_SLOT = new DefaultRedisScript<>(NOW + """
            redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[2])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
            return 0
            """, Long.class);
    private static final RedisScript<Long> SLOTS = new DefaultRedisScript<>(NOW + """
            return redis.call('ZCOUNT', KEYS[1], now + 1, '+inf')
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final SharedStateStatus status;
    private final String channel;
    /** Tells this replica's own messages apart from the others'. */
    private final String instance = UUID.randomUUID().toString();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final RedisMessageListenerContainer container;
    private final MessageListener listener = (message, pattern) -> received(
            new String(message.getBody(), StandardCharsets.UTF_8));
    private volatile boolean subscribed;

    RedisSharedState(StringRedisTemplate redis, RedisMessageListenerContainer container, String prefix,
                     SharedStateStatus status) {
        this.redis = redis;
        this.prefix = prefix;
        this.status = status;
        this.channel = prefix + "invalidations";
        this.container = container;
    }

    /**
     * Subscribes to other replicas' invalidations once the listener container runs; a failure
     * (Redis down) is logged, and the next call that reaches Redis tries again. Never at bean
     * creation: a container started with a subscription fails to start while Redis is down, and a
     * replica must start without it.
     */
    void subscribe() {
        if (subscribed || !container.isRunning()) {
            return;
        }
        try {
            container.addMessageListener(listener, new ChannelTopic(channel));
            subscribed = true;
        } catch (RuntimeException e) {
            LOG.warn("could not subscribe to other replicas' invalidations yet: {}", rootCause(e).toString());
        }
    }

    @Override
    public String claim(String key, String value, Duration ttl) {
        return call(() -> redis.execute(CLAIM, List.of(prefix + key), value, Long.toString(ttl.toMillis())));
    }

    @Override
    public String get(String key) {
        return call(() -> redis.opsForValue().get(prefix + key));
    }

    @Override
    public void put(String key, String value, Duration ttl) {
        call(() -> {
            redis.opsForValue().set(prefix + key, value, ttl);
            return null;
        });
    }

    @Override
    public void release(String key, String expected) {
        call(() -> redis.execute(RELEASE, List.of(prefix + key), expected));
    }

    @Override
    public long acquireWindow(String key, int limit, Duration period) {
        return call(() -> redis.execute(WINDOW, List.of(prefix + key), Integer.toString(limit),
                Long.toString(Math.max(1, period.toMillis()))));
    }

    @Override
    public long increment(String key, Duration period) {
        return call(() -> redis.execute(INCREMENT, List.of(prefix + key), Long.toString(period.toMillis())));
    }

    @Override
    public long[] counter(String key) {
        List<?> answer = call(() -> redis.execute(COUNTER, List.of(prefix + key)));
        return new long[] {((Number) answer.get(0)).longValue(), ((Number) answer.get(1)).longValue()};
    }

    @Override
    public long acquireSlot(String log, String slot, int limit, Duration lease) {
        return call(() -> redis.execute(ACQUIRE_SLOT, List.of(prefix + log), Integer.toString(limit),
                Long.toString(lease.toMillis()), slot));
    }

    @Override
    public void releaseSlot(String log, String slot, Duration hold, Duration lease) {
        call(() -> redis.execute(RELEASE_SLOT, List.of(prefix + log), Long.toString(hold.toMillis()), slot,
                Long.toString(lease.toMillis())));
    }

    @Override
    public long slots(String log) {
        return call(() -> redis.execute(SLOTS, List.of(prefix + log)));
    }

    @Override
    public void publishInvalidation(String source) {
        call(() -> redis.convertAndSend(channel, instance + "|" + source));
    }

    @Override
    public void onInvalidation(Consumer<String> listener) {
        listeners.add(listener);
    }

    private void received(String message) {
        int bar = message.indexOf('|');
        if (bar < 0 || message.substring(0, bar).equals(instance)) {
            return;
        }
        String source = message.substring(bar + 1);
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(source);
            } catch (RuntimeException e) {
                LOG.warn("dropping the held reads of '{}' for another replica failed", source, e);
            }
        }
    }

    /** One Redis call: fails at once while a recent failure says so, and records its outcome. */
    private <T> T call(Supplier<T> command) {
        if (status.skipping()) {
            throw new SharedStateUnavailableException("the shared store failed recently: "
                    + status.snapshot().lastError(), null);
        }
        try {
            T answer = command.get();
            status.succeeded();
            if (!subscribed) {
                subscribe();
            }
            return answer;
        } catch (RuntimeException e) {
            status.failed(rootCause(e));
            LOG.warn("the shared store (Redis) did not answer: {}", rootCause(e).toString());
            throw new SharedStateUnavailableException("the shared store (Redis) did not answer", e);
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
