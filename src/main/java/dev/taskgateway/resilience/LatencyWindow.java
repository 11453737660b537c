package dev.taskgateway.resilience;

import java.util.Arrays;

/**
 * The durations of one source's last {@value #SIZE} upstream calls, for the p50/p95 that
 * {@code /sources} shows. Exact over that window, tiny, and without a histogram library;
 * Prometheus gets the full distribution from the {@code taskgateway.upstream.requests} timer.
 */
public final class LatencyWindow {

    static final int SIZE = 256;

    private final long[] millis = new long[SIZE];
    private int count;
    private int next;

    /** Adds one call's duration. */
    public synchronized void record(long durationMillis) {
        millis[next] = durationMillis;
        next = (next + 1) % SIZE;
        count = Math.min(count + 1, SIZE);
    }

    /** The {@code q} quantile (0..1) in milliseconds, nearest rank; null before the first call. */
    public Long percentile(double q) {
        long[] sorted;
        synchronized (this) {
            if (count == 0) {
                return null;
            }
            sorted = Arrays.copyOf(millis, count);
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
