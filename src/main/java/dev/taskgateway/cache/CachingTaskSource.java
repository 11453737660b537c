package dev.taskgateway.cache;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches one source's pages (DESIGN §7): a page younger than the fresh TTL is answered from the
 * cache; an older one is fetched again, by one call however many requests ask at once; when that
 * fetch fails, times out or is rejected (breaker open, rate limited), a page younger than the
 * stale TTL answers instead, marked with its fetch time and the failure, which the engine turns
 * into {@code state: STALE} with {@code ageSeconds}.
 *
 * <p>Reads the {@link CallContext}: {@code noCache} skips fresh entries (the call is still shared),
 * and the deadline bounds the wait, so a slow provider with a cached page is answered stale in
 * time. Task details are not cached; actions pass through and drop the source's pages.
 *
 * <p>Counts {@code taskgateway.cache.requests{source,result}}: {@code hit} (a fresh page answered),
 * {@code miss} (the upstream was asked, alone or sharing a call) and {@code stale} (a miss whose
 * call failed and was answered from the cache; counted in addition to its miss).
 */
public final class CachingTaskSource extends ForwardingTaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(CachingTaskSource.class);

    private final PageCache cache;
    private final Clock clock;
    private final Duration freshTtl;
    private final Duration staleTtl;
    private final Counter hits;
    private final Counter misses;
    private final Counter stales;

    /**
     * @param freshTtl age below which a page answers without asking the upstream (zero: never)
     * @param staleTtl age below which a page answers when the upstream fails; at least {@code freshTtl}
     */
    public CachingTaskSource(TaskSource delegate, PageCache cache, Clock clock, Duration freshTtl,
                             Duration staleTtl, MeterRegistry meters) {
        super(delegate);
        if (freshTtl.isNegative() || staleTtl.compareTo(freshTtl) < 0) {
            throw new IllegalArgumentException("need 0 <= fresh TTL <= stale TTL, got " + freshTtl + " and " + staleTtl);
        }
        this.cache = cache;
        this.clock = clock;
        this.freshTtl = freshTtl;
        this.staleTtl = staleTtl;
        String source = delegate.info().id();
        this.hits = counter(meters, source, "hit");
        this.misses = counter(meters, source, "miss");
        this.stales = counter(meters, source, "stale");
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        PageCache.Key key = new PageCache.Key(delegate.info().id(), query);
        CallContext context = CallContext.current();
        PageCache.Entry cached = cache.present(key);
        if (cached != null && !context.noCache() && cached.freshAt(clock.instant(), freshTtl)) {
            hits.increment();
            return cached.answer(null);
        }
        CompletableFuture<PageCache.Entry> load = cache.load(key, staleTtl, () -> delegate.fetch(query));
        misses.increment();
        try {
            return await(load, context).answer(null);
        } catch (SourceException failure) {
            PageCache.Entry fallback = cached != null ? cached : cache.present(key);
            if (fallback == null) {
                throw failure;
            }
            stales.increment();
            return fallback.answer(failure);
        }
    }

    /**
     * Actions are never cached; whatever their outcome, the source's pages may now be wrong, so
     * they go. Details ({@link #find}) and counters are not cached: they are asked for rarely and
     * must be current.
     */
    @Override
    protected <T> T act(Supplier<T> call) {
        try {
            return call.get();
        } finally {
            cache.invalidate(delegate.info().id());
        }
    }

    /** Waits for the shared load until the request's deadline; failures come out as {@link SourceException}s. */
    private PageCache.Entry await(CompletableFuture<PageCache.Entry> load, CallContext context) {
        try {
            long nanos = context.remainingNanos();
            return nanos == Long.MAX_VALUE ? load.get() : load.get(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asSourceException(e.getCause());
        } catch (TimeoutException e) {
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within the request deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within the request deadline");
        }
    }

    /** A fetch fails with a SourceException; anything else is an adapter that could not read the answer. */
    private SourceException asSourceException(Throwable failure) {
        if (failure instanceof SourceException sourceFailure) {
            return sourceFailure;
        }
        LOG.warn("source {} failed unexpectedly", delegate.info().id(), failure);
        return new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "could not read the provider's answer", null, failure);
    }

    private static Counter counter(MeterRegistry meters, String source, String result) {
        return Counter.builder("taskgateway.cache.requests")
                .description("Page lookups in the upstream cache: hit, miss (upstream asked), stale (failure answered from cache)")
                .tag("source", source).tag("result", result)
                .register(meters);
    }
}
