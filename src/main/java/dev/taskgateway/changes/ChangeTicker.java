package dev.taskgateway.changes;

import dev.taskgateway.core.TaskChanges;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link TaskChanges#tick} every {@code tick} on a thread of its own. A tick costs nothing
 * upstream while every watched read is fresh, so it can be short; the fresh TTL paces the calls.
 */
final class ChangeTicker implements AutoCloseable {

    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "change-detector");
        thread.setDaemon(true);
        return thread;
    });

    ChangeTicker(TaskChanges changes, Duration tick) {
        long millis = tick.toMillis();
        ticker.scheduleWithFixedDelay(() -> {
            try {
                changes.tick();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ChangeTicker.class).warn("change detection tick failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
