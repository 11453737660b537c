package dev.taskgateway.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntFunction;

/**
 * How many upstream pages a full read took last time, per source and query, so the next read of
 * the same list can ask for all of them at once instead of one round trip per page, and the
 * parallel fetch of a run of pages. Guesses only save time: a read still follows the pages until
 * the list says it ended. Thread-safe, bounded.
 */
final class PagePlan {

    /**
     * Most pages asked for at once from one source. Longlonglong is asked 100 a page and its
     * simulator caps a page at 50 without a word, so its 500-task list is 10 pages (counted at the
     * length sent, see SourceReader): at 8 a full read took two round trips (bench/RESULTS.md,
     * scenario 1). 12 stays below the default bulkhead (16 calls in flight per source); a concurrent
     * read that finds the bulkhead full is retried like any other refusal.
     */
    static final int MAX_PARALLEL = 12;
    private static final int MAX_ENTRIES = 1_024;

    private final ExecutorService executor;
    private final Map<String, Integer> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    PagePlan(ExecutorService executor) {
        this.executor = executor;
    }

    /** Pages the same read took last time; 0 when unknown. */
    synchronized int expected(String sourceId, UpstreamQuery firstPage) {
        return pages.getOrDefault(key(sourceId, firstPage), 0);
    }

    /** Remembers that the read took {@code count} pages. */
    synchronized void remember(String sourceId, UpstreamQuery firstPage, int count) {
        pages.put(key(sourceId, firstPage), count);
    }

    /**
     * Pages {@code from..to} (inclusive), {@value #MAX_PARALLEL} at a time, in page order. The
     * first failure is thrown once every page asked for has settled. The calling thread runs every
     * page no pool thread has taken yet, so a read makes progress however busy (or small) the pool
     * is: a read waiting on page reads can never starve them.
     */
    List<UpstreamPage> fetch(int from, int to, IntFunction<UpstreamPage> page) {
        List<UpstreamPage> answers = new ArrayList<>();
        for (int start = from; start <= to; start += MAX_PARALLEL) {
            int end = Math.min(to, start + MAX_PARALLEL - 1);
            if (start == end) {
                answers.add(page.apply(start));
                continue;
            }
            List<FutureTask<UpstreamPage>> wave = new ArrayList<>();
            for (int p = start; p <= end; p++) {
                int number = p;
                FutureTask<UpstreamPage> task = new FutureTask<>(() -> page.apply(number));
                wave.add(task);
                try {
                    executor.execute(task);
                } catch (RejectedExecutionException e) {
                    // the pool is shutting down: this thread runs it below
                }
            }
            wave.forEach(FutureTask::run); // a no-op for each page a pool thread took first
            answers.addAll(join(wave));
        }
        return answers;
    }

    private static List<UpstreamPage> join(List<FutureTask<UpstreamPage>> wave) {
        List<UpstreamPage> answers = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<UpstreamPage> future : wave) {
            try {
                answers.add(future.get());
            } catch (ExecutionException e) {
                failure = failure != null ? failure
                        : e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                wave.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "request deadline passed");
            }
        }
        if (failure != null) {
            throw failure;
        }
        return answers;
    }

    private static String key(String sourceId, UpstreamQuery firstPage) {
        return sourceId + "|" + firstPage;
    }
}
