package dev.taskgateway.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link TaskSource} that forwards everything to another, for decorators. Reads ({@link #fetch},
 * {@link #find}, {@link #counts}) pass through {@link #read}; actions ({@link #perform},
 * {@link #deleteAll}, {@link #retryFailed}, {@link #create}) through {@link #act}. A decorator
 * overrides those two hooks, so a method added to the port later cannot slip past it.
 */
public abstract class ForwardingTaskSource implements TaskSource {

    protected final TaskSource delegate;

    protected ForwardingTaskSource(TaskSource delegate) {
        this.delegate = delegate;
    }

    /** Runs one read of the delegate; the default just runs it. */
    protected <T> T read(Supplier<T> call) {
        return call.get();
    }

    /** Runs one action on the delegate; the default just runs it. */
    protected <T> T act(Supplier<T> call) {
        return call.get();
    }

    @Override
    public SourceInfo info() {
        return delegate.info();
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        return read(() -> delegate.fetch(query));
    }

    @Override
    public Optional<Task> find(String nativeId) {
        return read(() -> delegate.find(nativeId));
    }

    @Override
    public Optional<Map<TaskStatus, Long>> counts(TaskFilter filter) {
        return read(() -> delegate.counts(filter));
    }

    @Override
    public void perform(TaskAction action, String nativeId) {
        act(() -> {
            delegate.perform(action, nativeId);
            return null;
        });
    }

    @Override
    public List<ItemOutcome> deleteAll(List<String> nativeIds) {
        return act(() -> delegate.deleteAll(nativeIds));
    }

    @Override
    public void retryFailed() {
        act(() -> {
            delegate.retryFailed();
            return null;
        });
    }

    @Override
    public List<String> create(Map<String, Object> body) {
        return act(() -> delegate.create(body));
    }

    @Override
    public Set<SourceOperation> operations() {
        return delegate.operations();
    }

    @Override
    public Map<String, String> details() {
        return delegate.details();
    }

    @Override
    public Duration orderSkew() {
        return delegate.orderSkew();
    }

    @Override
    public Optional<UpstreamQuery> pushed(UpstreamQuery query) {
        return delegate.pushed(query);
    }

    @Override
    public boolean findsByScanning() {
        return delegate.findsByScanning();
    }

    @Override
    public void perform(TaskAction action, Task task) {
        act(() -> {
            delegate.perform(action, task);
            return null;
        });
    }
}
