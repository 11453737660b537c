package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskSource;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import java.util.function.Supplier;

/**
 * Caps the calls in flight to one source with its resilience4j semaphore {@link Bulkhead}, so a
 * slow provider ties up a bounded number of threads and connections. A call that finds it full
 * (after waiting up to {@code max-wait-duration}) fails with {@code UPSTREAM_RATE_LIMITED} without
 * reaching the provider.
 */
public final class BulkheadTaskSource extends ForwardingTaskSource {

    private final Bulkhead bulkhead;

    public BulkheadTaskSource(TaskSource delegate, Bulkhead bulkhead) {
        super(delegate);
        this.bulkhead = bulkhead;
    }

    @Override
    protected <T> T read(Supplier<T> call) {
        return bounded(call);
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        return bounded(call);
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
