package dev.taskgateway.changes;

import dev.taskgateway.core.TaskChange;
import dev.taskgateway.core.TaskChanges;
import dev.taskgateway.core.TaskFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Open change streams: each one a {@link TaskChanges.Subscription} pumped into an {@link SseEmitter}
 * by a thread of its own, so a slow client only slows itself; one that falls behind the retention
 * window gets a resync. Idle streams get a comment every {@code heartbeat}.
 */
final class ChangeStreams implements SmartLifecycle {

    private final TaskChanges changes;
    /** A thread per open stream: each blocks waiting for changes. */
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "change-stream");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration heartbeat;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();

    ChangeStreams(TaskChanges changes, Duration heartbeat, int maxStreams) {
        this.changes = changes;
        this.heartbeat = heartbeat;
        this.maxStreams = maxStreams;
    }

    /** A new stream of {@code filter}'s changes, resuming after {@code lastEventId} when given. */
    SseEmitter open(TaskFilter filter, String lastEventId) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "too many open change streams (taskgateway.changes.max-streams); retry later");
        }
        TaskChanges.Subscription subscription = changes.subscribe(filter, lastEventId);
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats keep it alive, the client ends it
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(failure -> subscription.close());
        try {
            // Sent on the request thread, so the response is committed (headers written) there and
            // not by the pump racing the filters that still set headers on the way out.
            emitter.send(SseEmitter.event().comment("open").reconnectTime(3000));
        } catch (IOException e) {
            subscription.close();
            open.decrementAndGet();
            throw new UncheckedIOException(e);
        }
        try {
            executor.execute(() -> pump(subscription, emitter));
        } catch (RejectedExecutionException e) {
            subscription.close();
            open.decrementAndGet();
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the gateway is shutting down");
        }
        return emitter;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every stream before the web server's graceful shutdown waits for open requests (this
     * stops in an earlier phase): a stream is never done by itself.
     */
    @Override
    public void stop() {
        running = false;
        changes.close();
        executor.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Streams open now. */
    int open() {
        return open.get();
    }

    private void pump(TaskChanges.Subscription subscription, SseEmitter emitter) {
        try {
            while (true) {
                TaskChanges.Next next = subscription.next(heartbeat);
                if (next.ended()) {
                    break;
                }
                if (next.resync() != null) {
                    emitter.send(SseEmitter.event().id(subscription.position()).name("resync")
                            .data(Map.of("type", "resync", "reason", next.resync()), MediaType.APPLICATION_JSON));
                } else if (next.changes().isEmpty()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                }
                for (TaskChange change : next.changes()) {
                    String id = changes.id(change.sequence());
                    emitter.send(SseEmitter.event().id(id).name(change.type().name().toLowerCase(Locale.ROOT))
                            .data(ChangeEventBody.of(id, change), MediaType.APPLICATION_JSON));
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException gone) {
            // The client went away; the container completes the request.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } finally {
            subscription.close();
            open.decrementAndGet();
        }
    }
}
