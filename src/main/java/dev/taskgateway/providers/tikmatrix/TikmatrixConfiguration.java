package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.providers.UpstreamHttp;
import java.time.ZoneId;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code tikmatrix} provider type. */
@Configuration(proxyBeanMethods = false)
class TikmatrixConfiguration {

    @Bean
    ProviderDeclaration<TikmatrixProperties> tikmatrixProvider() {
        return new ProviderDeclaration<>(TikmatrixTaskMapper.PROVIDER, TikmatrixProperties.class,
                TikmatrixConfiguration::source);
    }

    /** A source for {@code settings}; fails naming the key when one is bad. */
    static TikmatrixTaskSource source(SourceSettings settings, TikmatrixProperties properties, UpstreamHttp http) {
        if (properties.getPageSize() < 1 || properties.getPageSize() > 100) {
            throw new InvalidConfigurationPropertyValueException(settings.prefix() + ".page-size",
                    properties.getPageSize(), "TikMatrix pages hold 1 to 100 tasks");
        }
        TikmatrixTaskMapper mapper = new TikmatrixTaskMapper(settings.id(), settings.zoneOr(ZoneId.systemDefault()));
        return new TikmatrixTaskSource(TikmatrixTaskSource.info(settings.id(), properties.getPageSize(),
                settings.scanCap()), new TikmatrixClient(settings, http), mapper);
    }
}
