package dev.taskgateway.system;

import dev.taskgateway.core.CallContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Runs tasks with the submitting thread's log context (request id), so upstream calls carry it,
 * its {@link CallContext} (deadline, no-cache), so source decorators see the client's terms, and
 * its trace context ({@link TraceContextCarrier}), so spans on the worker join the request's trace.
 */
final class ContextCarryingExecutor extends AbstractExecutorService {
    private final ExecutorService delegate;

    ContextCarryingExecutor(ExecutorService delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        CallContext call = CallContext.current();
        Runnable traced = TraceContextCarrier.wrap(command);
        delegate.execute(() -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try (CallContext.Scope scope = CallContext.open(call)) {
                traced.run();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        });
    }

    @Override public void shutdown() { delegate.shutdown(); }
    @Override public List<Runnable> shutdownNow() { return delegate.shutdownNow(); }
    @Override public boolean isShutdown() { return delegate.isShutdown(); }
    @Override public boolean isTerminated() { return delegate.isTerminated(); }
    @Override public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }
}
