package dev.taskgateway.providers;

import dev.taskgateway.core.TaskSource;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Makes {@link TaskSource}s of one provider from configuration. One bean per provider; adding a
 * provider is one package with one of these.
 */
public interface ProviderFactory {

    /** The {@code type} value this factory handles, e.g. {@code tikmatrix}. */
    String type();

    /**
     * A source for {@code settings}; binds its own keys below {@link SourceSettings#prefix()} and
     * fails with {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException}
     * naming the key when one is missing or bad (never echoing a secret's value).
     */
    TaskSource create(SourceSettings settings, Binder binder);
}
