package dev.taskgateway.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one piece of work per source in parallel and waits for all of them until one shared
 * deadline; a source not done by then is cancelled (interrupted) and reported as TIMEOUT. Records
 * every outcome in the source's {@link SourceHealth}.
 */
final class FanOut {

    private static final System.Logger LOG = System.getLogger(FanOut.class.getName());

    /** What one source gave: a value, or the failure and its report. */
    record Result<T>(SourceRegistry.Entry entry, T value, long latencyMs, RuntimeException failure) {

        /** The report of a failed source; only for results whose failure is a {@link SourceException}. */
        SourceReport failureReport() {
            SourceInfo info = entry.info();
            return SourceReport.failed(info.id(), info.provider(), latencyMs, (SourceException) failure);
        }

        /**
         * The report of a source that answered, fresh or from cache after {@code staleCause}; records
         * its health at {@code now}.
         */
        SourceReport answeredReport(Instant now, Instant fetchedAt, SourceException staleCause, Long total,
                                    boolean truncated) {
            if (staleCause == null) {
                entry.health().success(now);
            } else {
                entry.health().failure(now, staleCause.code());
            }
            return SourceReport.answered(entry.info(), latencyMs, fetchedAt, now, staleCause, total, truncated);
        }
    }

    private final ExecutorService executor;
    private final Clock clock;
    private final Duration deadline;

    FanOut(ExecutorService executor, Clock clock, Duration deadline) {
        this.executor = executor;
        this.clock = clock;
        this.deadline = deadline;
    }


    /** Runs {@code work} on every entry and waits until the deadline at most. */
    <T> List<Result<T>> run(List<SourceRegistry.Entry> entries, Function<SourceRegistry.Entry, T> work) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<Future<T>> futures = new ArrayList<>();
        long[] finished = new long[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            SourceRegistry.Entry entry = entries.get(i);
            int slot = i;
            futures.add(executor.submit(() -> {
                try {
                    return work.apply(entry);
                } finally {
                    finished[slot] = System.nanoTime();
                }
            }));
        }
        List<Result<T>> results = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            results.add(await(entries.get(i), futures.get(i), start, end, finished, i));
        }
        return results;
    }

    /**
     * Waits for one source. Its latency is its own: the time its work finished (recorded by the
     * work itself; Future.get happens-after it), not the time this loop got round to it.
     */
    private <T> Result<T> await(SourceRegistry.Entry entry, Future<T> future, long start, long end,
                                long[] finished, int slot) {
        RuntimeException failure;
        try {
            T value = future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Result<>(entry, value, TimeUnit.NANOSECONDS.toMillis(finished[slot] - start), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            failure = new SourceException(ErrorCode.UPSTREAM_TIMEOUT,
                    "no answer within the request deadline of " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            failure = classify(entry.info(), e.getCause());
        } catch (InterruptedException | CancellationException e) {
            Thread.currentThread().interrupt();
            failure = new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "request was cancelled");
        }
        if (failure instanceof SourceException sourceFailure) {
            entry.health().failure(clock.instant(), sourceFailure.code());
        }
        long latency = future.isDone() && !future.isCancelled() ? finished[slot] - start : System.nanoTime() - start;
        return new Result<>(entry, null, TimeUnit.NANOSECONDS.toMillis(latency), failure);
    }

    /**
     * Domain failures pass through; anything else is an adapter that could not read what the
     * provider sent, which is the provider's answer being bad, not the client's request.
     */
    private static RuntimeException classify(SourceInfo info, Throwable cause) {
        if (cause instanceof SourceException || cause instanceof TaskNotFoundException
                || cause instanceof ActionNotSupportedException || cause instanceof ActionConflictException) {
            return (RuntimeException) cause;
        }
        LOG.log(System.Logger.Level.WARNING, "source " + info.id() + " failed unexpectedly", cause);
        return new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE,
                "could not read the provider's answer", null, cause);
    }

    Instant now() {
        return clock.instant();
    }

}
