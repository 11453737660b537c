package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.TaskSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real {@link TaskQueryEngine} over one source, walked by cursor as a client would. */
final class EngineWalk implements AutoCloseable {

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final CursorCodec codec = new CursorCodec(new byte[32]);
    private final TaskQueryEngine engine;
    private final TaskFilter filter;
    private final int size;

    EngineWalk(TaskSource source, TaskFilter filter, int size) {
        this.engine = new TaskQueryEngine(new SourceRegistry(List.of(new SourceRegistry.Entry(source, true,
                new SourceHealth()))), executor, codec, Clock.systemUTC(), Duration.ofSeconds(30));
        this.filter = filter;
        this.size = size;
    }

    /** Page 1. */
    TaskPage first() {
        return engine.list(new TaskQuery(filter, size, 1, null, false));
    }

    /** The page after {@code previous}, through its cursor. */
    TaskPage next(TaskPage previous) {
        return engine.list(new TaskQuery(filter, size, 1, codec.decode(previous.page().next(), filter, size), false));
    }

    /** Every task, following {@code next} from page 1 to the end. */
    List<Task> all() {
        List<Task> tasks = new ArrayList<>();
        TaskPage page = first();
        tasks.addAll(page.items());
        while (page.page().next() != null) {
            page = next(page);
            tasks.addAll(page.items());
        }
        return tasks;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
