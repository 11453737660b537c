package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamText;
import java.time.ZoneId;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code longlonglong} provider type. */
@Configuration(proxyBeanMethods = false)
class LonglonglongConfiguration {

    /** The provider's own zone: a {@code .cn} platform writing wall-clock times (PROVIDER-NOTES quirk 2). */
    static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_PAGE_SIZE = 1000;

    @Bean
    ProviderDeclaration<LonglonglongProperties> longlonglongProvider() {
        return new ProviderDeclaration<>(LonglonglongTaskMapper.PROVIDER, LonglonglongProperties.class,
                LonglonglongConfiguration::source);
    }

    /** A source for {@code settings}; fails naming the key when one is missing or bad (never a secret's value). */
    static LonglonglongTaskSource source(SourceSettings settings, LonglonglongProperties properties, UpstreamHttp http) {
        String prefix = settings.prefix();
        String token = UpstreamText.requireSecret(prefix + ".token", properties.getToken()).trim();
        String userId = properties.getUserId() == null ? null : properties.getUserId().trim();
        if (userId == null || !LonglonglongTaskSource.ACCOUNT_ID.matcher(userId).matches()) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".user-id", properties.getUserId(),
                    "must be the main account's UUID, e.g. 5832d184-dd53-42a0-8ace-0bf8d660f4cc");
        }
        if (properties.getPageSize() < 1 || properties.getPageSize() > MAX_PAGE_SIZE) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".page-size",
                    properties.getPageSize(), "must be between 1 and " + MAX_PAGE_SIZE);
        }
        LonglonglongClient client = new LonglonglongClient(settings, http, token, userId);
        LonglonglongTaskMapper mapper = new LonglonglongTaskMapper(settings.id(), settings.zoneOr(DEFAULT_ZONE));
        return new LonglonglongTaskSource(LonglonglongTaskSource.info(settings.id(), properties.getPageSize(),
                settings.scanCap(), properties.isPushNameFilter()), client, mapper, userId);
    }
}
