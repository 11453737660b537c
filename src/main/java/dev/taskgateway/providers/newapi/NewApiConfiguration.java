package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.providers.ProviderDeclaration;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.UpstreamText;
import java.util.Locale;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the {@code new-api} provider type. */
@Configuration(proxyBeanMethods = false)
class NewApiConfiguration {

    @Bean
    ProviderDeclaration<NewApiProperties> newApiProvider() {
        return new ProviderDeclaration<>(NewApiTaskMapper.PROVIDER, NewApiProperties.class, NewApiConfiguration::source);
    }

    /** A source for {@code settings}; fails naming the key when one is missing or bad (never a secret's value). */
    static NewApiTaskSource source(SourceSettings settings, NewApiProperties properties, UpstreamHttp http) {
        String prefix = settings.prefix();
        String token = accessToken(prefix + ".access-token", properties.getAccessToken());
        long userId = userId(prefix + ".user-id", properties.getUserId());
        NewApiScope scope = NewApiScope.parse(properties.getScope()).orElseThrow(() ->
                new InvalidConfigurationPropertyValueException(prefix + ".scope", properties.getScope(),
                        "must be self (/api/task/self) or all (/api/task/, admin token)"));
        if (properties.getPageSize() < 1 || properties.getPageSize() > 100) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".page-size",
                    properties.getPageSize(), "new-api pages hold 1 to 100 tasks");
        }
        NewApiShape shape = shape(prefix + ".api-shape", properties.getApiShape());
        NewApiClient client = new NewApiClient(settings, http, scope, token, userId);
        return new NewApiTaskSource(NewApiTaskSource.info(settings.id(), properties.getPageSize(), settings.scanCap()),
                client, new NewApiTaskMapper(settings.id()), shape);
    }

    /** The token as configured; it goes into a header, so it must be one printable ASCII word. */
    static String accessToken(String key, String value) {
        String token = UpstreamText.requireSecret(key, value).trim();
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidConfigurationPropertyValueException(key, "(hidden)",
                    "must be the bare token (printable ASCII, no spaces); the adapter adds \"Bearer \" itself");
        }
        return token;
    }

    /** The New-Api-User value: new-api parses it with strconv.Atoi and compares it with the token's user. */
    static long userId(String key, String value) {
        try {
            long id = Long.parseLong(value == null ? "" : value.trim());
            if (id >= 1 && id <= Integer.MAX_VALUE) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below with the key and the value
        }
        throw new InvalidConfigurationPropertyValueException(key, value,
                "must be the numeric id of the token's user (sent as New-Api-User), e.g. 1");
    }

    /** {@code auto} (null), {@code current} or {@code legacy}. */
    static NewApiShape shape(String key, String value) {
        String text = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "auto" -> null;
            case "current" -> NewApiShape.CURRENT;
            case "legacy" -> NewApiShape.LEGACY;
            default -> throw new InvalidConfigurationPropertyValueException(key, value,
                    "must be auto (read from each answer), current (data.items, p from 1) or legacy (data list, p from 0)");
        };
    }
}
