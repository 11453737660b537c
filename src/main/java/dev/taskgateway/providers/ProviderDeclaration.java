package dev.taskgateway.providers;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskSource;
import okhttp3.OkHttpClient;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * One provider as its package declares it: the {@code type} value sources name, the class its own
 * keys bind to, and how a source is assembled from them. Each provider package declares one bean
 * of this; the source wiring finds them all, and for each configured source binds the keys below
 * {@link SourceSettings#prefix()} and assembles it. Adding a provider is one package with one of these.
 *
 * @param type           the {@code type} value, e.g. {@code tikmatrix}; also the tasks' {@code provider}
 * @param propertiesType the provider's own keys (a JavaBean with defaults in its fields)
 * @param assembly       validates those keys and builds the source
 * @param <P>            the properties class
 */
public record ProviderDeclaration<P>(String type, Class<P> propertiesType, Assembly<P> assembly) {

    /** Builds one source of the provider. */
    @FunctionalInterface
    public interface Assembly<P> {

        /**
         * A source for {@code settings} and its bound {@code properties}, calling out through
         * {@code http}; fails with an
         * {@link org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException}
         * naming the key when one is missing or bad (never echoing a secret's value).
         */
        TaskSource assemble(SourceSettings settings, P properties, UpstreamHttp http);
    }

    /**
     * The source for {@code settings}: its keys bound from {@code binder} (the properties' defaults
     * where none is set), its calls made through {@code shared} with the source's timeout.
     */
    public TaskSource create(SourceSettings settings, Binder binder, OkHttpClient shared) {
        P properties = binder.bind(settings.prefix(), Bindable.of(propertiesType))
                .orElseGet(() -> BeanUtils.instantiateClass(propertiesType));
        return assembly.assemble(settings, properties, new UpstreamHttp(shared, settings.timeout()));
    }
}
