package dev.taskgateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.taskgateway.state.SharedState;
import dev.taskgateway.state.SharedStateUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Failed authentications per client address: after {@code limit} wrong keys within one
 * {@code period}, that address gets 429 with {@code Retry-After} for every request carrying a key
 * until the period that began with its first failure ends — so keys cannot be guessed at the
 * speed of the network. Counted in {@code taskgateway.auth.failures} and
 * {@code taskgateway.auth.refused}; the addresses themselves are never tags. At most 100,000
 * addresses are tracked, each for one period.
 */
final class FailedAuthLimits {

    /** Failures of one address in its current window. */
    private record Window(Instant start, int failures) {
    }

    private final int limit;
    private final Duration period;
    private final Clock clock;
    private final Cache<String, Window> windows;
    private final Counter failures;
    private final Counter refused;
    /** With {@code taskgateway.state.store=redis}, where every replica counts failures; else null. */
    private final SharedState shared;

    FailedAuthLimits(SecurityProperties.FailedAuth settings, Clock clock, MeterRegistry meters) {
        this(settings, clock, meters, null);
    }

    /**
     * Failures counted in {@code shared} too (null: here only), so guessing keys round-robin over N
     * replicas gains nothing. Each replica also counts its own, and checks those while the shared
     * store does not answer.
     */
    FailedAuthLimits(SecurityProperties.FailedAuth settings, Clock clock, MeterRegistry meters, SharedState shared) {
        this.shared = shared;
        this.limit = settings.getLimit();
        this.period = settings.getPeriod();
        this.clock = clock;
        this.windows = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(period).build();
        this.failures = Counter.builder("taskgateway.auth.failures")
                .description("requests whose API key was not valid").register(meters);
        this.refused = Counter.builder("taskgateway.auth.refused")
                .description("requests refused with 429 because their address sent too many invalid keys")
                .register(meters);
    }

    /**
     * Seconds {@code address} must wait before presenting a key again; empty when it may now. A
     * wait is counted as a refused request.
     */
    OptionalLong check(String address) {
        OptionalLong wait = waitFor(address);
        if (wait.isPresent()) {
            refused.increment();
        }
        return wait;
    }

    /** True when {@code address} may not present a key now; counts nothing (the chain refuses it). */
    boolean blocked(String address) {
        return waitFor(address).isPresent();
    }

    private OptionalLong waitFor(String address) {
        if (shared != null) {
            try {
                long[] counter = shared.counter("auth-failures:" + address);
                if (counter[0] < limit || counter[1] <= 0) {
                    return OptionalLong.empty();
                }
                return OptionalLong.of(Math.max(1, (counter[1] + 999) / 1000));
            } catch (SharedStateUnavailableException e) {
                // fall back to this replica's own count below
            }
        }
        Window window = windows.getIfPresent(address);
        Instant now = clock.instant();
        if (window == null || window.failures() < limit || !now.isBefore(window.start().plus(period))) {
            return OptionalLong.empty();
        }
        long millis = Duration.between(now, window.start().plus(period)).toMillis();
        return OptionalLong.of(Math.max(1, (millis + 999) / 1000));
    }

    /** Counts one invalid key from {@code address}. */
    void failed(String address) {
        failures.increment();
        if (shared != null) {
            try {
                shared.increment("auth-failures:" + address, period);
            } catch (SharedStateUnavailableException e) {
                // counted here below all the same
            }
        }
        Instant now = clock.instant();
        windows.asMap().compute(address, (a, window) -> window == null
                || !now.isBefore(window.start().plus(period)) ? new Window(now, 1)
                : new Window(window.start(), window.failures() + 1));
    }

    String describe() {
        return limit + " invalid keys per " + period.toSeconds() + " s";
    }
}
