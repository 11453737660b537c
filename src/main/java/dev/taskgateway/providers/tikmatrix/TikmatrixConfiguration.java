package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.TaskSource;
import dev.taskgateway.providers.ProviderFactory;
import dev.taskgateway.providers.SourceSettings;
import dev.taskgateway.providers.UpstreamHttp;
import java.time.ZoneId;
import okhttp3.OkHttpClient;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code tikmatrix} provider type. */
@Configuration(proxyBeanMethods = false)
class TikmatrixConfiguration {

    @Bean
    ProviderFactory tikmatrixProviderFactory(OkHttpClient upstreamHttpClient) {
        return new ProviderFactory() {
            @Override
            public String type() {
                return TikmatrixTaskMapper.PROVIDER;
            }

            @Override
            public TaskSource create(SourceSettings settings, Binder binder) {
                TikmatrixProperties properties = binder
                        .bind(settings.prefix(), Bindable.of(TikmatrixProperties.class))
                        .orElseGet(TikmatrixProperties::new);
                if (properties.getPageSize() < 1 || properties.getPageSize() > 100) {
                    throw new InvalidConfigurationPropertyValueException(settings.prefix() + ".page-size",
                            properties.getPageSize(), "TikMatrix pages hold 1 to 100 tasks");
                }
                TikmatrixClient client = new TikmatrixClient(settings,
                        new UpstreamHttp(upstreamHttpClient, settings.timeout()));
                TikmatrixTaskMapper mapper = new TikmatrixTaskMapper(settings.id(),
                        settings.zoneOr(ZoneId.systemDefault()));
                return new TikmatrixTaskSource(
                        TikmatrixTaskSource.info(settings.id(), properties.getPageSize(), settings.scanCap()),
                        client, mapper);
            }
        };
    }
}
