package dev.taskgateway.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Held reads shared by the replicas of one deployment ({@code taskgateway.state.store=redis}): a
 * read one replica made serves the others while fresh, and one replica reads a list while the
 * others wait for it a moment. The local {@link ReadCache} stays in front. Implementations never
 * throw: when the store fails, {@link #get} finds nothing and {@link #claim} lets this replica read.
 */
public interface SharedReads {

    /** Nothing shared: a single process. */
    SharedReads NONE = new SharedReads() {
        @Override
        public Optional<ReadSnapshot> get(ReadKey key) {
            return Optional.empty();
        }

        @Override
        public void put(ReadSnapshot read, Duration ttl) {
        }

        @Override
        public boolean claim(ReadKey key, Duration hold) {
            return true;
        }

        @Override
        public void release(ReadKey key) {
        }
    };

    /** The read of {@code key} a replica shared, or empty. */
    Optional<ReadSnapshot> get(ReadKey key);

    /** Shares {@code read} for {@code ttl}. */
    void put(ReadSnapshot read, Duration ttl);

    /** True when this replica may read {@code key} now (no other is reading it), for {@code hold} at most. */
    boolean claim(ReadKey key, Duration hold);

    /** Ends this replica's claim on {@code key}. */
    void release(ReadKey key);
}
