package dev.taskgateway.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * How many upstream pages a full read took last time, per source and query, so the next read of
 * the same list can ask for all of them at once instead of one round trip per page. Guesses only
 * save time: a read still follows the pages until the list says it ended. Thread-safe, bounded.
 */
final class PagePlan {

    /**
     * Most pages asked for at once from one source. Longlonglong caps a page at 50, so its 500-task
     * list is 10 pages: at 8 a full read took two round trips (bench/RESULTS.md, scenario 1). 12
     * stays below the default bulkhead (16 calls in flight per source); a concurrent read that finds
     * the bulkhead full is retried like any other refusal.
     */
    static final int MAX_PARALLEL = 12;
    private static final int MAX_ENTRIES = 1_024;
    private static final int MAX_SORTED = 64;

    private final ExecutorService executor;
    private final Map<String, Integer> pages = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** A full read's sorted matches, and the page task lists they were made from. */
    private record Sorted(List<List<Task>> pages, List<Task> tasks) {
    }

    private final Map<String, Sorted> sorted = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sorted> eldest) {
            return size() > MAX_SORTED;
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
     * The sorted matches of a full read whose pages are the very same lists as last time (a cache
     * in front of the source answers with the same page objects until they expire), or null.
     * Cached reads then cost no filtering, sorting or allocation per request.
     */
    synchronized List<Task> sorted(String sourceId, UpstreamQuery firstPage, List<List<Task>> pages) {
        Sorted memo = sorted.get(key(sourceId, firstPage));
        if (memo == null || memo.pages().size() != pages.size()) {
            return null;
        }
        for (int i = 0; i < pages.size(); i++) {
            if (memo.pages().get(i) != pages.get(i)) {
                return null;
            }
        }
        return memo.tasks();
    }

    /** Remembers the sorted matches of a full read made from {@code pages}. */
    synchronized void rememberSorted(String sourceId, UpstreamQuery firstPage, List<List<Task>> pages,
                                     List<Task> tasks) {
        sorted.put(key(sourceId, firstPage), new Sorted(List.copyOf(pages), List.copyOf(tasks)));
    }

    /**
     * Pages {@code from..to} (inclusive), {@value #MAX_PARALLEL} at a time, in page order. The
     * first failure is thrown once every page asked for has settled.
     */
    List<UpstreamPage> fetch(int from, int to, IntFunction<UpstreamPage> page) {
        List<UpstreamPage> answers = new ArrayList<>();
        for (int start = from; start <= to; start += MAX_PARALLEL) {
            int end = Math.min(to, start + MAX_PARALLEL - 1);
            if (start == end) {
                answers.add(page.apply(start));
                continue;
            }
            List<Future<UpstreamPage>> wave = new ArrayList<>();
            for (int p = start; p <= end; p++) {
                int number = p;
                wave.add(executor.submit(() -> page.apply(number)));
            }
            answers.addAll(join(wave));
        }
        return answers;
    }

    private static List<UpstreamPage> join(List<Future<UpstreamPage>> wave) {
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
