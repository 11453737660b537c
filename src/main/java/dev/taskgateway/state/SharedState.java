package dev.taskgateway.state;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The state replicas share ({@code taskgateway.state.store=redis}); absent with {@code memory}, so
 * every caller keeps its in-process code path. Every method answers within the store's command
 * timeout or throws {@link SharedStateUnavailableException}; keys are the callers' own names, to
 * which the store adds its prefix.
 */
public interface SharedState {

    /**
     * Stores {@code value} under {@code key} for {@code ttl} unless the key is taken: null when this
     * call claimed it, else the value already there. Atomic across replicas.
     */
    String claim(String key, String value, Duration ttl);

    /** {@code key}'s value, or null when it has none. */
    String get(String key);

    /** Replaces {@code key}'s value, for {@code ttl}. */
    void put(String key, String value, Duration ttl);

    /** Removes {@code key} only while its value is still {@code expected}. */
    void release(String key, String expected);

    /**
     * Counts one request against {@code limit} per {@code period} (fixed windows on the store's
     * clock): 0 when it is within, else the milliseconds until the next window.
     */
    long acquireWindow(String key, int limit, Duration period);

    /** Adds one to a counter that lives {@code period} from its first count; answers the new count. */
    long increment(String key, Duration period);

    /** A counter's value and its milliseconds to live: {@code {0, 0}} when there is none. */
    long[] counter(String key);

    /**
     * Takes one slot of a sliding log of at most {@code limit} slots: 0 when taken, else the
     * milliseconds until the oldest slot leaves (a running slot counts as leaving at {@code lease}).
     *
     * @param slot  a name unique to this call
     * @param lease how long a slot still running is held at most (a replica that dies mid-call frees it then)
     */
    long acquireSlot(String log, String slot, int limit, Duration lease);

    /** Marks {@code slot} finished: it leaves the log {@code hold} from now. */
    void releaseSlot(String log, String slot, Duration hold, Duration lease);

    /** Slots in the log now, running or held. */
    long slots(String log);

    /** Tells every replica (this one included) that {@code source}'s held reads are out of date. */
    void publishInvalidation(String source);

    /** Calls {@code listener} with each source another replica invalidated. */
    void onInvalidation(Consumer<String> listener);
}
