package dev.taskgateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every source's upstream pages in one Caffeine cache bounded by the number of tasks it holds,
 * plus single-flight loading: while a page is being fetched, every caller asking for the same
 * key waits on that one call instead of starting its own.
 *
 * <p>An entry lives until its source's stale TTL; whether it is still fresh is the caller's
 * decision ({@link CachingTaskSource}). Time comes from the injected {@link Clock}, which also
 * drives Caffeine's expiry, so tests move time by moving the clock. Loads run on {@code executor},
 * detached from any one caller, so a caller that gives up (deadline, interrupt) leaves the load
 * to finish and fill the cache for the next one.
 */
public final class PageCache {

    /** One upstream page of one source. */
    record Key(String source, UpstreamQuery query) {
    }

    /** A cached page: what came back, when, and how long it may be served after a failure. */
    record Entry(UpstreamPage page, Instant fetchedAt, Duration staleTtl) {

        /** True while younger than {@code freshTtl} at {@code now}. */
        boolean freshAt(Instant now, Duration freshTtl) {
            return Duration.between(fetchedAt, now).compareTo(freshTtl) < 0;
        }

        /** The page as an answer: carrying its fetch time, and the failure when it stands in for one. */
        UpstreamPage answer(SourceException staleCause) {
            return page.servedFromCache(fetchedAt, staleCause);
        }
    }

    private final Cache<Key, Entry> pages;
    private final ConcurrentMap<Key, CompletableFuture<Entry>> loading = new ConcurrentHashMap<>();
    /** Bumped by {@link #invalidate}, so a load that started before an action cannot store what it read. */
    private final ConcurrentMap<String, AtomicLong> generations = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Executor executor;

    /**
     * @param maximumTasks tasks all cached pages may hold together (each page weighs its task count + 1)
     * @param clock        the time entries are stamped and expired with
     * @param executor     where loads run; it should carry the caller's context (request id, deadline)
     */
    public PageCache(long maximumTasks, Clock clock, Executor executor) {
        if (maximumTasks < 1) {
            throw new IllegalArgumentException("maximumTasks must be at least 1, was " + maximumTasks);
        }
        this.clock = clock;
        this.executor = executor;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maximumTasks)
                .weigher((Key key, Entry entry) -> entry.page().tasks().size() + 1)
                .expireAfter(Expiry.<Key, Entry>writing((key, entry) -> entry.staleTtl()))
                .ticker(ticker)
                .recordStats()
                .build();
    }

    /** The cached entry, fresh or not, or null when there is none (or it passed its stale TTL). */
    Entry present(Key key) {
        return pages.getIfPresent(key);
    }

    /**
     * The load of {@code key}: the one already running, or a new one that runs {@code fetch} on the
     * executor and stores its page. Failed loads store nothing.
     */
    CompletableFuture<Entry> load(Key key, Duration staleTtl, Supplier<UpstreamPage> fetch) {
        CompletableFuture<Entry> mine = new CompletableFuture<>();
        CompletableFuture<Entry> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        long generation = generation(key.source()).get();
        try {
            executor.execute(() -> complete(key, mine, generation, staleTtl, fetch));
        } catch (RejectedExecutionException e) {
            loading.remove(key, mine);
            mine.completeExceptionally(e);
        }
        return mine;
    }

    private void complete(Key key, CompletableFuture<Entry> mine, long generation, Duration staleTtl,
                          Supplier<UpstreamPage> fetch) {
        try {
            Entry entry = new Entry(fetch.get(), clock.instant(), staleTtl);
            if (generation(key.source()).get() == generation) {
                pages.put(key, entry);
                // An invalidation between the check and the put must still win.
                if (generation(key.source()).get() != generation) {
                    pages.asMap().remove(key, entry);
                }
            }
            loading.remove(key, mine);
            mine.complete(entry);
        } catch (Throwable failure) {
            loading.remove(key, mine);
            mine.completeExceptionally(failure);
        }
    }

    /**
     * Drops every page of {@code source}. Loads already running finish for the callers waiting on
     * them but store nothing, and later callers start their own: nobody asking after an action
     * gets a page read before it.
     */
    public void invalidate(String source) {
        generation(source).incrementAndGet();
        loading.keySet().removeIf(key -> key.source().equals(source));
        pages.asMap().keySet().removeIf(key -> key.source().equals(source));
    }

    /** Drops everything, as {@link #invalidate} does for one source (tests, operators). */
    public void invalidateAll() {
        generations.values().forEach(AtomicLong::incrementAndGet);
        loading.clear();
        pages.invalidateAll();
    }

    /** Pages of {@code source} held now. */
    public long entries(String source) {
        pages.cleanUp();
        return pages.asMap().keySet().stream().filter(key -> key.source().equals(source)).count();
    }

    /** The Caffeine cache, for metrics binders (size, evictions, weight). */
    public Cache<?, ?> caffeine() {
        return pages;
    }

    private AtomicLong generation(String source) {
        return generations.computeIfAbsent(source, s -> new AtomicLong());
    }
}
