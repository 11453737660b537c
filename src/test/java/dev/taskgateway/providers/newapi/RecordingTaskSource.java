package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Delegates to a source and records every upstream query the engine makes. */
final class RecordingTaskSource implements TaskSource {

    private final TaskSource delegate;
    private final List<UpstreamQuery> queries = new CopyOnWriteArrayList<>();

    RecordingTaskSource(TaskSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public SourceInfo info() {
        return delegate.info();
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        queries.add(query);
        return delegate.fetch(query);
    }

    @Override
    public Optional<Task> find(String nativeId) {
        return delegate.find(nativeId);
    }

    /** Queries made so far. */
    int calls() {
        return queries.size();
    }

    /** The queries made so far, in order. */
    List<UpstreamQuery> queries() {
        return List.copyOf(queries);
    }
}
