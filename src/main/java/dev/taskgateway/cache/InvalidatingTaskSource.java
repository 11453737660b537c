package dev.taskgateway.cache;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.ReadCache;
import dev.taskgateway.core.TaskSource;
import java.util.function.Supplier;

/**
 * Drops a source's held reads after every action on it, whatever the outcome: the provider's list
 * may now differ, and nobody asking after the action may be answered from a read made before it.
 * Reads pass through: the engine's read model ({@link ReadCache}) holds them.
 */
public final class InvalidatingTaskSource extends ForwardingTaskSource {

    private final ReadCache reads;

    public InvalidatingTaskSource(TaskSource delegate, ReadCache reads) {
        super(delegate);
        this.reads = reads;
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        try {
            return call.get();
        } finally {
            reads.invalidate(delegate.info().id());
        }
    }
}
