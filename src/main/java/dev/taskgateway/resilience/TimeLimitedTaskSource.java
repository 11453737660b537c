package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskSource;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bounds one read with the source's resilience4j {@link TimeLimiter}, whatever the adapter does
 * inside it (one HTTP call or several). Adapters' own OkHttp call timeout usually ends a slow call
 * first; this is the guarantee for everything else. A read past the limit fails with
 * {@code UPSTREAM_TIMEOUT} and its thread is interrupted. Actions are not cut short: an action
 * abandoned half-way would leave its outcome unknown, so only the HTTP call timeout bounds them.
 */
public final class TimeLimitedTaskSource extends ForwardingTaskSource {

    private final TimeLimiter limiter;
    private final ExecutorService executor;

    /** @param executor runs each read; it should carry the caller's log context (request id) */
    public TimeLimitedTaskSource(TaskSource delegate, TimeLimiter limiter, ExecutorService executor) {
        super(delegate);
        this.limiter = limiter;
        this.executor = executor;
    }

    /** Reads only: an action is never abandoned half-way by the gateway. */
    @Override
    protected <T> T read(Supplier<T> call) {
        return limited(call::get);
    }

    private <T> T limited(Callable<T> call) {
        AtomicReference<Future<T>> running = new AtomicReference<>();
        try {
            return limiter.executeFutureSupplier(() -> {
                running.set(executor.submit(call));
                return running.get();
            });
        } catch (TimeoutException e) {
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT,
                    "no answer in " + describe(limiter.getTimeLimiterConfig().getTimeoutDuration()));
        } catch (InterruptedException e) {
            Future<T> future = running.get();
            if (future != null) {
                future.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "the call was abandoned at the request deadline");
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("a source read threw a checked exception", e);
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
