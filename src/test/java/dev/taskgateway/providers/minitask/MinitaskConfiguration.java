package dev.taskgateway.providers.minitask;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamText;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Declares the {@code minitask} provider type. A real provider's declaration is a
 * {@code @Configuration(proxyBeanMethods = false)} class, found by component scanning; this
 * test-only one has no annotation, so no scan finds it and only the tests that {@code @Import} it
 * see a fifth type.
 */
class MinitaskConfiguration {

    static final int MAX_PAGE_SIZE = 50;

    @Bean
    ProviderDeclaration<MinitaskProperties> minitaskProvider() {
        return new ProviderDeclaration<>(MinitaskTaskMapper.PROVIDER, MinitaskProperties.class,
                MinitaskConfiguration::source);
    }

    /** A source for {@code settings}; fails naming the key when one is missing or bad (never the token). */
    static MinitaskTaskSource source(SourceSettings settings, MinitaskProperties properties, UpstreamHttp http) {
        String token = UpstreamText.requireSecret(settings.prefix() + ".token", properties.getToken()).trim();
        if (properties.getPageSize() < 1 || properties.getPageSize() > MAX_PAGE_SIZE) {
            throw new InvalidConfigurationPropertyValueException(settings.prefix() + ".page-size",
                    properties.getPageSize(), "Minitask pages hold 1 to " + MAX_PAGE_SIZE + " jobs");
        }
        return new MinitaskTaskSource(MinitaskTaskSource.info(settings.id(), properties.getPageSize(),
                settings.scanCap()), new MinitaskClient(settings, http, token), new MinitaskTaskMapper(settings.id()));
    }
}
