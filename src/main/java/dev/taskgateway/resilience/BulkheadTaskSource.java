package dev.taskgateway.resilience;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Caps the calls in flight to one source with its resilience4j semaphore {@link Bulkhead}, so a
 * slow provider ties up a bounded number of threads and connections. A call that finds it full
 * (after waiting up to {@code max-wait-duration}) fails with {@code UPSTREAM_RATE_LIMITED} without
 * reaching the provider.
 */
public final class BulkheadTaskSource implements TaskSource {

    private final TaskSource delegate;
    private final Bulkhead bulkhead;

    public BulkheadTaskSource(TaskSource delegate, Bulkhead bulkhead) {
        this.delegate = delegate;
        this.bulkhead = bulkhead;
    }

    @Override
    public SourceInfo info() {
        return delegate.info();
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        return bounded(() -> delegate.fetch(query));
    }

    @Override
    public Optional<Task> find(String nativeId) {
        return bounded(() -> delegate.find(nativeId));
    }

    @Override
    public void perform(TaskAction action, String nativeId) {
        bounded(() -> {
            delegate.perform(action, nativeId);
            return null;
        });
    }

    private <T> T bounded(Supplier<T> call) {
        if (!bulkhead.tryAcquirePermission()) {
            throw new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "already "
                    + bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
                    + " calls in flight to this source (bulkhead); the provider was not called", null,
                    BulkheadFullException.createBulkheadFullException(bulkhead));
        }
        try {
            return call.get();
        } finally {
            bulkhead.onComplete();
        }
    }
}
