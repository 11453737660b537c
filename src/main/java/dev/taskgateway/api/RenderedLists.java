package dev.taskgateway.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.taskgateway.core.TaskQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * List answers as they were rendered (JSON bytes and ETag), so a repeated identical query costs a
 * lookup and a write instead of a merge, two serializations and a hash (issue 16).
 *
 * <p>An answer is kept under its parsed query (parameter order, repeats and spelling no longer
 * matter) together with the {@link dev.taskgateway.core.ReadCache#changes() change count} of the
 * held reads when it was made and the moment its first read stops being fresh. It is handed out
 * again only while both still hold: nothing held came or went (no load, refresh, eviction or
 * action since) and no read it came from needs refreshing. Then the engine would have answered
 * the same tasks, paging and cursor from the same reads; only {@code latencyMs} is the rendering
 * request's, which was a cache hit as well. Bounded by bytes; only complete, fresh answers are kept.
 */
public final class RenderedLists {

    /** Bytes all kept answers may take together. */
    static final long MAXIMUM_BYTES = 8L * 1024 * 1024;

    /** One rendered answer and what it is valid for. */
    record Rendered(byte[] body, String etag, long changes, Instant freshUntil, List<String> sources) {
    }

    private final Clock clock;
    private final Cache<TaskQuery, Rendered> answers;
    private final LongAdder reused = new LongAdder();

    RenderedLists(Clock clock) {
        this.clock = clock;
        // Maintenance on the caller's thread: no pool of its own, nothing left running.
        this.answers = Caffeine.newBuilder().executor(Runnable::run).maximumWeight(MAXIMUM_BYTES)
                .weigher((TaskQuery query, Rendered answer) -> answer.body().length + 256).build();
    }

    /** The answer rendered for {@code query}, when the reads it came from are unchanged and fresh; else null. */
    Rendered find(TaskQuery query, long changesNow) {
        Rendered answer = valid(query, changesNow);
        if (answer != null) {
            reused.increment();
        }
        return answer;
    }

    /** As {@link #find}, but not yet counted as reused: the caller may still leave it ({@link #reusedOnce}). */
    Rendered valid(TaskQuery query, long changesNow) {
        Rendered answer = answers.getIfPresent(query);
        if (answer == null) {
            return null;
        }
        if (answer.changes() != changesNow || !clock.instant().isBefore(answer.freshUntil())) {
            answers.asMap().remove(query, answer);
            return null;
        }
        return answer;
    }

    /** Counts one answer handed out again. */
    void reusedOnce() {
        reused.increment();
    }

    /** Keeps {@code answer} unless the held reads changed while it was being made. */
    void keep(TaskQuery query, Rendered answer, long changesNow) {
        if (answer.changes() == changesNow) {
            answers.put(query, answer);
        }
    }

    /** Answers handed out again since start. */
    public long reused() {
        return reused.sum();
    }

    /** Answers kept now (tests). */
    long size() {
        answers.cleanUp();
        return answers.estimatedSize();
    }
}
