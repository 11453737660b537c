package dev.taskgateway.system;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskSource;

/**
 * Wraps every source a provider declaration makes before it is registered (resilience,
 * caching, metrics). At most one bean; without one sources are registered as made.
 */
@FunctionalInterface
public interface SourceDecorator {

    /** Leaves sources as they are. */
    SourceDecorator NONE = (source, settings) -> source;

    /** The source to register in place of {@code source}, configured by {@code settings}. */
    TaskSource decorate(TaskSource source, SourceSettings settings);
}
