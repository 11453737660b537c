package dev.taskgateway.resilience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits a retry asks for instead of sleeping them. */
final class RecordingSleeper implements RetryingTaskSource.Sleeper {

    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration wait) {
        waits.add(wait);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
