package dev.taskgateway.resilience;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A working stand-in for a provider adapter: answers from a script of outcomes (pages or
 * failures; the last one repeats), counts its calls, and can hold every call at a gate.
 */
public final class FakeTaskSource implements TaskSource {

    private final SourceInfo info;
    private final Deque<Object> script = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<TaskAction> performed = new ArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    private FakeTaskSource(SourceInfo info) {
        this.info = info;
    }

    /** A source with that id and provider, answering one page of two tasks until told otherwise. */
    public static FakeTaskSource of(String id, String provider) {
        return new FakeTaskSource(new SourceInfo(id, provider, TaskKind.DEVICE_AUTOMATION, Ordering.UNORDERED, 100,
                10_000, Set.of(), Set.of(TaskAction.STOP))).thenAnswer(page(id, TaskStatus.RUNNING, TaskStatus.PENDING));
    }

    /** A last page holding one task per status, ids 1, 2, ... */
    public static UpstreamPage page(String source, TaskStatus... statuses) {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            tasks.add(Task.builder(TaskId.of(source, Integer.toString(i + 1)), "fake", TaskKind.DEVICE_AUTOMATION)
                    .status(statuses[i]).nativeStatus(statuses[i] == TaskStatus.UNKNOWN ? "7" : "1")
                    .createdAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).build());
        }
        return new UpstreamPage(tasks, (long) tasks.size(), true, true);
    }

    /** Adds an answer to the script. */
    public synchronized FakeTaskSource thenAnswer(UpstreamPage page) {
        script.addLast(page);
        return this;
    }

    /** Adds a failure to the script. */
    public synchronized FakeTaskSource thenFail(RuntimeException failure) {
        script.addLast(failure);
        return this;
    }

    /** Replaces the script with one outcome, repeated. */
    public synchronized FakeTaskSource always(Object outcome) {
        script.clear();
        script.addLast(outcome);
        return this;
    }

    /** Makes every call wait until {@link #open()}; {@link #awaitEntered} tells when one is waiting. */
    public FakeTaskSource closed() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    public boolean awaitEntered() throws InterruptedException {
        return entered.await(5, TimeUnit.SECONDS);
    }

    /** Calls of fetch and find so far. */
    public int calls() {
        return calls.get();
    }

    public synchronized List<TaskAction> performed() {
        return List.copyOf(performed);
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        return (UpstreamPage) next();
    }

    @Override
    public Optional<Task> find(String nativeId) {
        UpstreamPage page = (UpstreamPage) next();
        return page.tasks().stream().filter(t -> t.id().nativeId().equals(nativeId)).findFirst();
    }

    @Override
    public synchronized void perform(TaskAction action, String nativeId) {
        performed.add(action);
        Object outcome = script.peekLast();
        if (outcome instanceof RuntimeException failure) {
            throw failure;
        }
    }

    private Object next() {
        calls.incrementAndGet();
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at the gate");
        }
        Object outcome;
        synchronized (this) {
            outcome = script.size() > 1 ? script.removeFirst() : script.peekFirst();
        }
        if (outcome instanceof RuntimeException failure) {
            throw failure;
        }
        return outcome;
    }
}
