package dev.taskgateway.security;

import dev.taskgateway.http.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.CorsUtils;

/**
 * CORS from {@code taskgateway.security.cors.allowed-origins}. A request from a listed origin
 * gets the CORS headers (a preflight is answered without an API key); any other request gets
 * none, so browsers keep other sites' pages from reading answers. Empty list, no CORS at all.
 * Keys travel in headers, never cookies, so credentials are not allowed.
 */
final class CorsAllowList implements CorsConfigurationSource {

    private final Set<String> origins;
    private final CorsConfiguration configuration;

    private CorsAllowList(List<String> origins) {
        this.origins = Set.copyOf(origins);
        this.configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(origins);
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, SecurityConfiguration.API_KEY_HEADER,
                HttpHeaders.CONTENT_TYPE, "Idempotency-Key", RequestIds.HEADER, HttpHeaders.IF_NONE_MATCH,
                HttpHeaders.CACHE_CONTROL));
        configuration.setExposedHeaders(List.of(RequestIds.HEADER, HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(1800L);
    }

    /** The allow-list of {@code configured}; each entry a bare origin such as {@code https://dash.example.com}. */
    static CorsAllowList of(List<String> configured) {
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            origins.add(origin("taskgateway.security.cors.allowed-origins[" + i + "]", configured.get(i)));
        }
        return new CorsAllowList(origins);
    }

    /**
     * The configuration for a request that passes it, else null: Spring's CORS processor would
     * refuse the others with a bare-text 403, where no CORS headers tell the browser the same.
     */
    @Override
    public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null || !origins.contains(origin.toLowerCase(Locale.ROOT))) {
            return null;
        }
        if (!CorsUtils.isPreFlightRequest(request)) {
            boolean allowed = configuration.checkHttpMethod(HttpMethod.valueOf(request.getMethod())) != null;
            return allowed ? configuration : null;
        }
        String method = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (method == null || method.isBlank()) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String value : Collections.list(request.getHeaders(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS))) {
            for (String header : value.split(",")) {
                if (!header.isBlank()) {
                    headers.add(header.trim());
                }
            }
        }
        boolean passes = configuration.checkHttpMethod(HttpMethod.valueOf(method.trim())) != null
                && (headers.isEmpty() || configuration.checkHeaders(headers) != null
                        && configuration.checkHeaders(headers).size() == headers.size());
        return passes ? configuration : null;
    }

    private static String origin(String key, String value) {
        String reason = "must be an origin: http(s)://host[:port], without path, query or '*'";
        if (value == null) {
            throw new InvalidConfigurationPropertyValueException(key, null, reason);
        }
        try {
            URI uri = new URI(value.trim());
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!bare || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new InvalidConfigurationPropertyValueException(key, value, reason);
            }
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationPropertyValueException(key, value, reason);
        }
    }
}
