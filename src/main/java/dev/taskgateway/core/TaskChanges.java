package dev.taskgateway.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Live changes of every source's tasks, detected from the reads the gateway already makes.
 *
 * <p>While anyone subscribes to a source, one {@link Detector} watches it: each {@link #tick}
 * asks the normal read path for the source's base read (the one every query shares), which calls
 * the provider only once that read is older than the source's fresh TTL, single-flight with every
 * other request and inside the provider's budget. Each base read stored, by the detector or by any
 * request, is diffed with the one before ({@link ChangeDiff}) and the differences go into one
 * bounded {@link ChangeLog} every subscriber reads at its own position. No subscriber, no detector,
 * no extra call (after {@code linger}, which lets a dropped client resume).
 */
public final class TaskChanges implements AutoCloseable {

    private final TaskQueryEngine engine;
    private final ReadCache cache;
    private final Clock clock;
    private final Executor executor;
    private final Duration deadline;
    private final Duration linger;
    private final ChangeLog log;
    private final String epoch;
    private final Map<String, Detector> detectors = new ConcurrentHashMap<>();

    /**
     * @param retention changes held for resuming subscribers (bounded memory)
     * @param linger    how long a source stays watched after its last subscriber left
     */
    public TaskChanges(TaskQueryEngine engine, ReadCache cache, Clock clock, Executor executor, Duration deadline,
                       int retention, Duration linger) {
        this.engine = engine;
        this.cache = cache;
        this.clock = clock;
        this.executor = executor;
        this.deadline = deadline;
        this.linger = linger;
        this.log = new ChangeLog(retention);
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.epoch = HexFormat.of().formatHex(random);
        cache.onStore(this::stored);
    }

    /** One watched source: its subscribers and the last base read seen. */
    private static final class Detector {
        final SourceRegistry.Entry entry;
        final long baseline;
        final AtomicBoolean refreshing = new AtomicBoolean();
        int subscribers;
        Instant idleSince;
        HeldRead last;

        Detector(SourceRegistry.Entry entry, long baseline) {
            this.entry = entry;
            this.baseline = baseline;
        }
    }

    /**
     * Subscribes {@code filter}'s sources. {@code lastEventId} (an id this process gave, or null)
     * resumes after that change when every change since is still known: held in the log, and each
     * selected source watched without a break since before it; otherwise the subscription opens
     * with a resync.
     */
    public Subscription subscribe(TaskFilter filter, String lastEventId) {
        List<SourceRegistry.Entry> selected = engine.selected(filter);
        long now = log.last();
        long position = now;
        String resync = null;
        if (lastEventId != null) {
            long asked = sequence(lastEventId);
            if (asked < 0) {
                resync = "Last-Event-ID is not from this gateway process";
            } else if (!log.holdsAfter(asked)) {
                resync = "changes after " + lastEventId + " are past the retention window";
            } else if (selected.stream().anyMatch(e -> !watchedSince(e.info().id(), asked))) {
                resync = "a selected source was not watched without a break since " + lastEventId;
            } else {
                position = asked;
            }
        }
        for (SourceRegistry.Entry entry : selected) {
            Detector detector = detectors.computeIfAbsent(entry.info().id(), id -> watch(entry, now));
            synchronized (detector) {
                detector.subscribers++;
                detector.idleSince = null;
            }
        }
        if (detectors.values().stream().anyMatch(d -> d.last == null)) {
            tick(); // a new detector reads its baseline now, so the first change after subscribing is seen
        }
        return new Subscription(filter, selected, position, resync);
    }

    /** A new detector, its baseline the base read held now, if any (else its first tick reads one). */
    private Detector watch(SourceRegistry.Entry entry, long now) {
        Detector detector = new Detector(entry, now);
        detector.last = cache.get(SourceReader.baseKey(entry.source()));
        return detector;
    }

    private boolean watchedSince(String source, long position) {
        Detector detector = detectors.get(source);
        return detector != null && detector.baseline < position;
    }

    /** The sequence of an id this process gave ({@code <epoch>-<n>}), or -1. */
    private long sequence(String eventId) {
        String prefix = epoch + "-";
        if (!eventId.startsWith(prefix)) {
            return -1;
        }
        try {
            long n = Long.parseLong(eventId.substring(prefix.length()));
            return n >= 0 && n <= log.last() ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The event id of change {@code sequence}. */
    public String id(long sequence) {
        return epoch + "-" + sequence;
    }

    /**
     * Refreshes every watched source through the read path (no upstream call while its base read
     * is fresh) and stops watching sources idle past {@code linger}. Called every tick by a scheduler.
     */
    public void tick() {
        Instant now = clock.instant();
        for (Detector detector : detectors.values()) {
            synchronized (detector) {
                if (detector.subscribers == 0 && detector.idleSince != null
                        && !now.isBefore(detector.idleSince.plus(linger))) {
                    detectors.remove(detector.entry.info().id(), detector);
                    continue;
                }
            }
            if (detector.refreshing.compareAndSet(false, true)) {
                try {
                    executor.execute(() -> refresh(detector));
                } catch (RejectedExecutionException e) {
                    detector.refreshing.set(false);
                }
            }
        }
    }

    private void refresh(Detector detector) {
        SourceRegistry.Entry entry = detector.entry;
        int limit = entry.info().ordering() == Ordering.NEWEST_FIRST ? entry.info().maxPageSize() : 1;
        try (CallContext.Scope scope = CallContext.open(CallContext.within(deadline, false))) {
            engine.reader().read(entry, TaskFilter.NONE, null, limit);
        } catch (SourceException e) {
            // The source is down or out of budget: the next tick tries again; requests report it.
        } finally {
            detector.refreshing.set(false);
        }
    }

    /** A base read was stored: what changed since the last one of a watched source goes into the log. */
    private void stored(ReadKey key, HeldRead read) {
        Detector detector = detectors.get(key.source());
        if (detector == null || key.start() != null || !key.equals(SourceReader.baseKey(detector.entry.source()))) {
            return;
        }
        synchronized (detector) {
            HeldRead last = detector.last;
            if (last != null && read.fetchedAt().isBefore(last.fetchedAt())) {
                return; // an older read finished late
            }
            if (last != null) {
                log.append(key.source(), ChangeDiff.between(last, read), read.fetchedAt());
            }
            detector.last = read;
        }
    }

    /** Changes detected since start-up. */
    public long detected() {
        return log.last();
    }

    /** Sources watched now (a detector each). */
    public int watched() {
        return detectors.size();
    }

    /** Wakes every subscriber for good: their streams end (shutdown). */
    @Override
    public void close() {
        log.close();
    }

    private void leave(List<SourceRegistry.Entry> sources) {
        Instant now = clock.instant();
        for (SourceRegistry.Entry entry : sources) {
            Detector detector = detectors.get(entry.info().id());
            if (detector != null) {
                synchronized (detector) {
                    detector.subscribers = Math.max(0, detector.subscribers - 1);
                    if (detector.subscribers == 0) {
                        detector.idleSince = now;
                    }
                }
            }
        }
    }

    /** What a subscriber receives next: changes, a resync, or nothing yet (time for a heartbeat). */
    public record Next(List<TaskChange> changes, String resync, boolean ended) {
    }

    /** One subscriber's position in the change log, with its filter. Not thread-safe: one reader. */
    public final class Subscription implements AutoCloseable {
        private final TaskFilter filter;
        private final List<SourceRegistry.Entry> sources;
        private final AtomicBoolean closed = new AtomicBoolean();
        private long position;
        private String resync;

        private Subscription(TaskFilter filter, List<SourceRegistry.Entry> sources, long position, String resync) {
            this.filter = filter;
            this.sources = sources;
            this.position = position;
            this.resync = resync;
        }

        /**
         * The next changes this subscriber sees, waiting up to {@code wait} for some. A subscriber
         * that fell behind the retention window gets a resync and goes on from the newest change.
         */
        public Next next(Duration wait) throws InterruptedException {
            if (resync != null) {
                String reason = resync;
                resync = null;
                return new Next(List.of(), reason, false);
            }
            while (true) {
                ChangeLog.Batch batch = log.after(position, wait.toMillis());
                if (closed.get() || log.closed()) {
                    return new Next(List.of(), null, true);
                }
                if (batch.lost()) {
                    position = log.last();
                    return new Next(List.of(), "this stream fell behind the retention window", false);
                }
                if (batch.changes().isEmpty()) {
                    return new Next(List.of(), null, false);
                }
                List<TaskChange> seen = new ArrayList<>();
                for (TaskChange change : batch.changes()) {
                    position = change.sequence();
                    if (change.matches(filter)) {
                        seen.add(change);
                    }
                }
                if (!seen.isEmpty()) {
                    return new Next(seen, null, false);
                }
            }
        }

        /** The id of the newest change this subscriber has been given or skipped. */
        public String position() {
            return id(position);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                leave(sources);
            }
        }
    }
}
