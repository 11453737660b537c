package dev.taskgateway.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} changes, numbered from 1, that every subscriber reads from at its own
 * position: memory stays bounded whatever the number of subscribers, and a subscriber that falls
 * further behind than the log reaches is told so ({@link Batch#lost()}) instead of missing events.
 */
final class ChangeLog {

    /** The changes after a position, or the news that some of them are no longer held. */
    record Batch(List<TaskChange> changes, boolean lost) {
    }

    private final int capacity;
    private final ArrayDeque<TaskChange> changes = new ArrayDeque<>();
    private long last;
    private boolean closed;

    ChangeLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The number of the newest change (0 before the first). */
    synchronized long last() {
        return last;
    }

    /** Numbers and keeps {@code differences} of {@code source}, dropping the oldest past capacity. */
    synchronized void append(String source, List<ChangeDiff.Difference> differences, Instant detectedAt) {
        for (ChangeDiff.Difference d : differences) {
            changes.addLast(new TaskChange(++last, d.type(), source, d.task(), d.previous(), detectedAt));
            if (changes.size() > capacity) {
                changes.removeFirst();
            }
        }
        if (!differences.isEmpty()) {
            notifyAll();
        }
    }

    /** True when every change after {@code position} is still held. */
    synchronized boolean holdsAfter(long position) {
        return position <= last && (changes.isEmpty() ? position == last : changes.peekFirst().sequence() <= position + 1);
    }

    /**
     * The changes after {@code position}, waiting up to {@code waitMillis} for one; empty when none
     * came (or the log closed).
     */
    synchronized Batch after(long position, long waitMillis) throws InterruptedException {
        long until = System.nanoTime() + waitMillis * 1_000_000;
        while (last <= position && !closed) {
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return new Batch(List.of(), false);
            }
            wait(left);
        }
        if (!holdsAfter(position)) {
            return new Batch(List.of(), true);
        }
        List<TaskChange> batch = new ArrayList<>();
        for (TaskChange change : changes) {
            if (change.sequence() > position) {
                batch.add(change);
            }
        }
        return new Batch(batch, false);
    }

    /** Wakes every waiting reader for good (shutdown). */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    synchronized boolean closed() {
        return closed;
    }
}
