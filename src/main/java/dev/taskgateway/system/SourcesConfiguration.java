package dev.taskgateway.system;

import dev.taskgateway.core.ReadPolicy;
import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.http.RequestIds;
import dev.taskgateway.providers.ProviderDeclaration;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Builds every configured source from {@code taskgateway.sources} with the provider declarations
 * ({@link ProviderDeclaration} beans) it finds, failing fast on bad config; owns the one OkHttp client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SourcesProperties.class)
public class SourcesConfiguration {

    /** The one OkHttp client: a shared pool; sources derive timeouts with {@code newBuilder()}. */
    @Bean(destroyMethod = "")
    OkHttpClient upstreamHttpClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(256);
        dispatcher.setMaxRequestsPerHost(64);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                // Idle connections go after 25 s: before most servers drop theirs (the JDK's HTTP server
                // after 30 s, many proxies after 60 s), so a burst after a quiet spell does not meet a
                // pool of dead connections (bench: twelve such failures opened a breaker, issue 16).
                .connectionPool(new ConnectionPool(32, 25, TimeUnit.SECONDS))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .addInterceptor(chain -> {
                    String requestId = RequestIds.current();
                    return chain.proceed(requestId == null ? chain.request()
                            : chain.request().newBuilder().header(RequestIds.HEADER, requestId).build());
                })
                .build();
    }

    @Bean
    ProviderTypes providerTypes(List<ProviderDeclaration<?>> providers) {
        return new ProviderTypes(providers.stream().map(ProviderDeclaration::type).collect(Collectors.toSet()));
    }

    /**
     * Every configured source, in configuration order: built by its provider's declaration, then
     * wrapped by the {@link SourceDecorator} (resilience, caching, metrics) when there is one.
     */
    @Bean
    SourceRegistry sourceRegistry(SourcesProperties properties, List<ProviderDeclaration<?>> providers,
                                  OkHttpClient upstreamHttpClient, Environment environment,
                                  ObjectProvider<SourceDecorator> decorator) {
        Map<String, ProviderDeclaration<?>> byType = providers.stream()
                .collect(Collectors.toMap(ProviderDeclaration::type, Function.identity(), (a, b) -> a, TreeMap::new));
        Binder binder = Binder.get(environment);
        List<SourceRegistry.Entry> entries = new ArrayList<>();
        properties.getSources().forEach((id, source) -> {
            SourceSettings settings = settings(id, source, byType.keySet());
            TaskSource taskSource = decorator.getIfAvailable(() -> SourceDecorator.NONE)
                    .decorate(byType.get(settings.type()).create(settings, binder, upstreamHttpClient), settings);
            entries.add(new SourceRegistry.Entry(taskSource, settings.enabled(), new SourceHealth(), settings.cache()));
        });
        return new SourceRegistry(entries);
    }

    /** Validates the keys every source has; each message names the key and the bad value. */
    static SourceSettings settings(String id, SourcesProperties.SourceProperties source, Set<String> types) {
        String prefix = "taskgateway.sources." + id;
        if (!TaskId.SOURCE_ID.matcher(id).matches()) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.sources", id,
                    "source ids must match [a-z0-9-]{1,40}");
        }
        if (source.getType() == null || !types.contains(source.getType())) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".type", source.getType(),
                    "unknown provider type; known types: " + String.join(", ", types));
        }
        return new SourceSettings(id, source.getType(), baseUrl(prefix, source.getBaseUrl()),
                source.isEnabled(), positive(prefix + ".timeout", source.getTimeout()),
                zone(prefix, source.getTimezone()), scanCap(prefix, source.getScanCap()),
                policy(prefix, source.getCache()));
    }

    /** The source's cache lifetimes; 0 <= fresh-ttl <= stale-ttl. */
    private static ReadPolicy policy(String prefix, SourcesProperties.Cache ttl) {
        if (ttl == null || ttl.getFreshTtl() == null || ttl.getStaleTtl() == null || ttl.getFreshTtl().isNegative()
                || ttl.getStaleTtl().compareTo(ttl.getFreshTtl()) < 0) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".cache.stale-ttl",
                    ttl == null ? null : ttl.getStaleTtl(), "must be at least fresh-ttl ("
                    + (ttl == null ? null : ttl.getFreshTtl()) + "), which must not be negative");
        }
        return new ReadPolicy(ttl.getFreshTtl(), ttl.getStaleTtl());
    }

    private static URI baseUrl(String prefix, String value) {
        String key = prefix + ".base-url";
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationPropertyValueException(key, value, "a base URL is required");
        }
        try {
            URI uri = new URI(value.trim());
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidConfigurationPropertyValueException(key, redacted(value),
                        "must be an http(s) URL with a host and no query, fragment or user info");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationPropertyValueException(key, redacted(value), "not a URL");
        }
    }

    /** A base URL fit for an error message: user info, query and fragment may hold credentials. */
    private static String redacted(String value) {
        return value.replaceAll("//[^/?#]*@", "//***@").replaceAll("([?#]).*", "$1***");
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationPropertyValueException(key, value, "must be a positive duration");
        }
        return value;
    }

    private static ZoneId zone(String prefix, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".timezone", value,
                    "not a time zone id such as Asia/Shanghai or UTC");
        }
    }

    private static int scanCap(String prefix, int value) {
        if (value < 1 || value > 1_000_000) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".scan-cap", value,
                    "must be between 1 and 1000000");
        }
        return value;
    }
}
