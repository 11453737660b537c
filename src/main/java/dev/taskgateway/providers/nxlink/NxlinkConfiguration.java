package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamText;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code nxlink} provider type: one source per account, several per region if need be. */
@Configuration(proxyBeanMethods = false)
class NxlinkConfiguration {

    @Bean
    ProviderDeclaration<NxlinkProperties> nxlinkProvider(ObjectProvider<Clock> clock) {
        return new ProviderDeclaration<>(NxlinkTaskMapper.PROVIDER, NxlinkProperties.class,
                (settings, properties, http) -> source(settings, properties, http, clock.getIfAvailable(Clock::systemUTC)));
    }

    /**
     * A source from validated settings; each failure names the key and never a secret's value.
     * {@code clock} gives the {@code ts} header (epoch milliseconds).
     */
    static NxlinkTaskSource source(SourceSettings settings, NxlinkProperties properties, UpstreamHttp http,
                                   Clock clock) {
        String prefix = settings.prefix();
        String accessKey = UpstreamText.requireSecret(prefix + ".access-key", properties.getAccessKey()).trim();
        String accessSecret = UpstreamText.requireSecret(prefix + ".access-secret", properties.getAccessSecret());
        NxlinkSigner.Algorithm algorithm = NxlinkSigner.Algorithm.parse(properties.getAlgorithm());
        if (algorithm == null) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".algorithm", properties.getAlgorithm(),
                    "NXLink signs with md5 or sha256");
        }
        if (properties.getPageSize() < 1 || properties.getPageSize() > NxlinkListRequest.MAX_PAGE_SIZE) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".page-size", properties.getPageSize(),
                    "NXLink pages hold 1 to " + NxlinkListRequest.MAX_PAGE_SIZE + " tasks");
        }
        NxlinkSigner signer = new NxlinkSigner(accessKey, accessSecret,
                headerValue(prefix + ".biz-type", properties.getBizType()),
                headerValue(prefix + ".action", properties.getAction()), algorithm);
        NxlinkClient client = new NxlinkClient(settings, http, signer, clock, List.of(accessSecret, accessKey));
        return new NxlinkTaskSource(NxlinkTaskSource.info(settings.id(), properties.getPageSize(), settings.scanCap()),
                client, new NxlinkTaskMapper(settings.id()));
    }

    /** A header value that is also a signed field: non-blank, no separators of the signed text. */
    private static String headerValue(String key, String value) {
        if (value == null || value.isBlank() || !value.trim().matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new InvalidConfigurationPropertyValueException(key, value,
                    "must be 1 to 64 letters, digits, '.', '_' or '-' (defaults: biz-type \"100\", action \"nxai\")");
        }
        return value.trim();
    }
}
