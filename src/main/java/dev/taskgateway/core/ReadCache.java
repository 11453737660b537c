package dev.taskgateway.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every source's held reads ({@link HeldRead}) in one store bounded by the tasks they hold
 * ({@code taskgateway.cache.maximum-tasks}; least recently used first out), with single-flight
 * loading: while a read is being made or continued, every request that needs the same step waits
 * on that one load instead of calling the provider again.
 *
 * <p>A held read lives until its source's stale TTL; whether it is still fresh is the reader's
 * decision. Loads run on {@code executor}, detached from any one caller, so a caller that gives up
 * (deadline, interrupt) leaves the load to finish and fill the store for the next one. Counts per
 * source are kept as entries come and go, so {@code /sources} never walks the store.
 */
public final class ReadCache {

    /** What a read asked of the store, for metrics. */
    public interface Listener {
        Listener NONE = (source, outcome) -> { };

        /** {@code outcome}: {@code hit} (a fresh read answered), {@code miss} (the provider was asked) or {@code stale}. */
        void lookup(String source, String outcome);
    }

    /** Told of each read stored, after the store, outside the lock (change detection diffs successive reads). */
    interface StoreListener {
        void stored(ReadKey key, HeldRead read);
    }

    /** A load: the read it continues (null for a new one) and how many pages that read had. */
    private record LoadKey(ReadKey key, int fromPages, Instant base) {
    }

    private record Held(HeldRead read, Instant expiresAt) {
    }

    private final long maximumTasks;
    private final Clock clock;
    private final Executor executor;
    private final Listener listener;
    private volatile StoreListener storeListener = (key, read) -> { };
    private final LinkedHashMap<ReadKey, Held> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, long[]> perSource = new LinkedHashMap<>();
    private long weight;
    private final ConcurrentMap<LoadKey, CompletableFuture<HeldRead>> loading = new ConcurrentHashMap<>();
    /** Bumped by {@link #invalidate}, so a load that started before an action cannot store what it read. */
    private final ConcurrentMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    /** Told of each {@link #invalidate}; by default nobody ({@link #onInvalidate}). */
    private volatile Consumer<String> invalidationHook = source -> { };
    /** Reads shared with other replicas; none by default ({@link #share}). */
    private volatile SharedReads shared = SharedReads.NONE;
    /** When each source was last invalidated here (an action here or, through the hook, on another replica). */
    private final ConcurrentMap<String, Instant> invalidatedAt = new ConcurrentHashMap<>();
    /** Bumped whenever a held read comes or goes: equal values mean every lookup answers as it did. */
    private final AtomicLong changes = new AtomicLong();
    /** Page sizes a provider refused, stepped down and remembered per source. */
    private final ConcurrentMap<String, Integer> pageSizes = new ConcurrentHashMap<>();

    /**
     * @param maximumTasks tasks all held reads may hold together
     * @param clock        the time reads are stamped and expired with
     * @param executor     where loads run; it should carry the caller's context (request id, deadline)
     */
    public ReadCache(long maximumTasks, Clock clock, Executor executor, Listener listener) {
        if (maximumTasks < 1) {
            throw new IllegalArgumentException("maximumTasks must be at least 1, was " + maximumTasks);
        }
        this.maximumTasks = maximumTasks;
        this.clock = clock;
        this.executor = executor;
        this.listener = listener;
    }

    /** The held read of {@code key}, fresh or not, or null (none, or past its stale TTL). */
    synchronized HeldRead get(ReadKey key) {
        Held held = entries.get(key);
        if (held == null) {
            return null;
        }
        if (!clock.instant().isBefore(held.expiresAt())) {
            remove(key);
            return null;
        }
        return held.read();
    }

    /** The held reads of {@code key}'s list (any start), most recently used last. */
    synchronized List<HeldRead> family(ReadKey key) {
        List<HeldRead> reads = new ArrayList<>();
        Instant now = clock.instant();
        for (Map.Entry<ReadKey, Held> entry : entries.entrySet()) {
            ReadKey k = entry.getKey();
            if (k.source().equals(key.source()) && k.pushed().equals(key.pushed())
                    && now.isBefore(entry.getValue().expiresAt())) {
                reads.add(entry.getValue().read());
            }
        }
        return reads;
    }

    /** Every held read of {@code source} not past its stale TTL. */
    synchronized List<HeldRead> of(String source) {
        List<HeldRead> reads = new ArrayList<>();
        Instant now = clock.instant();
        entries.forEach((k, held) -> {
            if (k.source().equals(source) && now.isBefore(held.expiresAt())) {
                reads.add(held.read());
            }
        });
        return reads;
    }

    /**
     * The load that makes or continues a read: the one already running for the same step, or a new
     * one running {@code load} on the executor. Its result is stored under its key, unless the source
     * was invalidated meanwhile; failed loads store nothing.
     */
    CompletableFuture<HeldRead> load(ReadKey key, HeldRead from, ReadPolicy policy, Supplier<HeldRead> load) {
        Duration staleTtl = policy.staleTtl();
        LoadKey loadKey = new LoadKey(key, from == null ? 0 : from.pages(), from == null ? null : from.fetchedAt());
        CompletableFuture<HeldRead> mine = new CompletableFuture<>();
        CompletableFuture<HeldRead> running = loading.putIfAbsent(loadKey, mine);
        if (running != null) {
            return running;
        }
        long generation = generation(key.source()).get();
        Supplier<HeldRead> shared = () -> sharedOrRead(key, from, policy, generation, load);
        try {
            executor.execute(() -> complete(loadKey, mine, generation, staleTtl, shared));
        } catch (RejectedExecutionException e) {
            loading.remove(loadKey, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private void complete(LoadKey loadKey, CompletableFuture<HeldRead> mine, long generation, Duration staleTtl,
                          Supplier<HeldRead> load) {
        try {
            HeldRead read = load.get();
            boolean stored = false;
            synchronized (this) {
                Held held = entries.get(loadKey.key());
                // A read of an older run finishing after a newer one was stored must not replace it.
                boolean newer = held == null || !held.read().fetchedAt().isAfter(read.fetchedAt());
                if (generation(loadKey.key().source()).get() == generation && newer) {
                    put(loadKey.key(), read, staleTtl);
                    stored = true;
                }
            }
            if (stored) {
                notifyStored(loadKey.key(), read);
            }
            loading.remove(loadKey, mine);
            mine.complete(read);
        } catch (Throwable failure) {
            loading.remove(loadKey, mine);
            mine.completeExceptionally(failure);
        }
    }

    /**
     * A new read of {@code key}: the one another replica shared while it is fresh; else this replica
     * reads it (claiming it, so the others wait a moment for it rather than read it too) and shares
     * what it read, unless an action made it out of date meanwhile. A continued run is read here and
     * shared. Without sharing, just {@code load}.
     */
    private HeldRead sharedOrRead(ReadKey key, HeldRead from, ReadPolicy policy, long generation,
                                  Supplier<HeldRead> load) {
        SharedReads store = shared;
        if (store == SharedReads.NONE) {
            return load.get();
        }
        if (from == null) {
            HeldRead there = freshShared(store, key, policy);
            if (there != null) {
                return there;
            }
            if (!store.claim(key, CLAIM_HOLD)) {
                there = awaitShared(store, key, policy);
                if (there != null) {
                    return there;
                }
            }
        }
        try {
            HeldRead read = load.get();
            if (generation(key.source()).get() == generation) {
                store.put(read.snapshot(), policy.staleTtl());
            }
            return read;
        } finally {
            if (from == null) {
                store.release(key);
            }
        }
    }

    /** How long a replica's claim on a read lasts at most (a replica that dies mid-read frees it then). */
    private static final Duration CLAIM_HOLD = Duration.ofSeconds(10);
    /** How long a replica waits for another's read of the same list before reading it itself. */
    private static final long SHARED_WAIT_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long SHARED_POLL_MILLIS = 50;

    /** The shared read of {@code key} if it is fresh and made after the source's last invalidation; else null. */
    private HeldRead freshShared(SharedReads store, ReadKey key, ReadPolicy policy) {
        ReadSnapshot snapshot = store.get(key).orElse(null);
        if (snapshot == null) {
            return null;
        }
        Instant now = clock.instant();
        Instant invalidated = invalidatedAt.get(key.source());
        boolean fresh = Duration.between(snapshot.fetchedAt(), now).compareTo(policy.freshTtl()) < 0;
        boolean current = invalidated == null || snapshot.fetchedAt().isAfter(invalidated);
        return fresh && current ? HeldRead.of(snapshot) : null;
    }

    /** Waits a moment (within the deadline) for the replica reading {@code key} to share its read. */
    private HeldRead awaitShared(SharedReads store, ReadKey key, ReadPolicy policy) {
        long until = System.nanoTime() + Math.min(SHARED_WAIT_NANOS, CallContext.current().remainingNanos());
        while (System.nanoTime() - until < 0) {
            try {
                Thread.sleep(SHARED_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            HeldRead there = freshShared(store, key, policy);
            if (there != null) {
                return there;
            }
        }
        return null;
    }

    /** Shares reads with other replicas through {@code store} from now on. */
    public void share(SharedReads store) {
        this.shared = store;
    }

    /** Sets the one listener told of stores (the change detector). */
    void onStore(StoreListener listener) {
        this.storeListener = listener;
    }

    private void notifyStored(ReadKey key, HeldRead read) {
        try {
            storeListener.stored(key, read);
        } catch (RuntimeException e) {
            // A listener's failure must never fail the read the callers wait on.
            System.getLogger(ReadCache.class.getName()).log(System.Logger.Level.WARNING, "store listener failed", e);
        }
    }

    private void put(ReadKey key, HeldRead read, Duration staleTtl) {
        remove(key);
        changes.incrementAndGet();
        entries.put(key, new Held(read, read.fetchedAt().plus(staleTtl)));
        weight += read.weight();
        long[] counts = perSource.computeIfAbsent(key.source(), s -> new long[2]);
        counts[0]++;
        counts[1] += read.weight() - 1;
        evict();
    }

    /** Least recently used first, never the entry just stored when it alone is over the bound. */
    private void evict() {
        Iterator<Map.Entry<ReadKey, Held>> eldest = entries.entrySet().iterator();
        while (weight > maximumTasks && entries.size() > 1) {
            Map.Entry<ReadKey, Held> entry = eldest.next();
            eldest.remove();
            forget(entry.getKey(), entry.getValue());
        }
    }

    private void remove(ReadKey key) {
        Held held = entries.remove(key);
        if (held != null) {
            forget(key, held);
        }
    }

    private void forget(ReadKey key, Held held) {
        changes.incrementAndGet();
        weight -= held.read().weight();
        long[] counts = perSource.get(key.source());
        counts[0]--;
        counts[1] -= held.read().weight() - 1;
    }

    /**
     * Drops every read of {@code source}. Loads already running finish for the callers waiting on
     * them but store nothing, and later callers start their own: nobody asking after an action gets
     * a read made before it.
     */
    public void invalidate(String source) {
        generation(source).incrementAndGet();
        invalidatedAt.put(source, clock.instant());
        loading.keySet().removeIf(key -> key.key().source().equals(source));
        synchronized (this) {
            entries.keySet().stream().filter(key -> key.source().equals(source)).toList().forEach(this::remove);
        }
        invalidationHook.accept(source);
    }

    /**
     * Has {@code hook} told of every later {@link #invalidate}, after the reads are dropped: how
     * replicas sharing state pass an action's invalidation on to the others
     * ({@code taskgateway.state.store=redis}). One hook; a later call replaces it.
     */
    public void onInvalidate(Consumer<String> hook) {
        this.invalidationHook = hook;
    }

    /** Drops everything, as {@link #invalidate} does for one source (tests, operators). */
    public void invalidateAll() {
        generations.values().forEach(AtomicLong::incrementAndGet);
        loading.clear();
        synchronized (this) {
            List.copyOf(entries.keySet()).forEach(this::remove);
        }
    }

    /**
     * How often the store's content changed (a read stored, replaced, evicted, expired or dropped).
     * While it stays the same, and the reads an answer used stay fresh, the same query gets the same
     * answer: what a cache of rendered answers keys on.
     */
    public long changes() {
        return changes.get();
    }

    /** Held reads of {@code source} now (a counter, not a walk of the store). */
    public synchronized long entries(String source) {
        long[] counts = perSource.get(source);
        return counts == null ? 0 : counts[0];
    }

    /** Tasks held for {@code source} now. */
    public synchronized long tasks(String source) {
        long[] counts = perSource.get(source);
        return counts == null ? 0 : counts[1];
    }

    /** Tasks held for every source together, against {@code maximum-tasks}. */
    public synchronized long weight() {
        return weight;
    }

    void record(String source, String outcome) {
        listener.lookup(source, outcome);
    }

    /** The page size to read {@code source} at: the largest it accepts, or what a refusal stepped it down to. */
    int pageSize(SourceInfo info) {
        return pageSizes.getOrDefault(info.id(), info.maxPageSize());
    }

    /** Remembers that {@code source} refused pages of {@code refused} tasks; answers the next size to try, or 0. */
    int stepDown(SourceInfo info, int refused) {
        int next = refused > 10 ? Math.max(10, refused / 2) : 0;
        if (next > 0) {
            pageSizes.put(info.id(), next);
        }
        return next;
    }

    Instant now() {
        return clock.instant();
    }

    /** The most tasks one newest-first run may hold before a walk goes on from its cursor: a quarter of the bound. */
    long maxRunTasks() {
        return Math.max(1_000, maximumTasks / 4);
    }

    private AtomicLong generation(String source) {
        return generations.computeIfAbsent(source, s -> new AtomicLong());
    }
}
