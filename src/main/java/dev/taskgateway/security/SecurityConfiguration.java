package dev.taskgateway.security;

import dev.taskgateway.http.EmptyErrorBodyFilter;
import dev.taskgateway.http.ProblemWriter;
import dev.taskgateway.http.RejectedParts;
import dev.taskgateway.http.RequestIds;
import dev.taskgateway.http.RequestLimitsFilter;
import dev.taskgateway.state.SharedState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.CorsFilter;

/**
 * API keys with roles (DESIGN §6), built from Spring Security's own parts: an
 * {@link AuthenticationFilter} with a converter reading {@code Authorization: Bearer} or
 * {@code X-API-Key}, a provider checking the key store, and URL rules per role; around them the
 * CORS allow-list, request limits and the per-key rate limit. Threat model: docs/security.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-API-Key";

    @Bean
    ApiKeyStore apiKeyStore(SecurityProperties properties, Environment environment) {
        boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
        ApiKeyStore store = ApiKeyStore.of(demo ? 1 : ApiKeyStore.MIN_KEY_LENGTH, properties.getApiKeys());
        if (store.isEmpty() && !demo) {
            throw new IllegalStateException("No API keys are configured, so nobody could call the gateway. Add one: "
                    + "taskgateway.security.api-keys[0].name=ops, taskgateway.security.api-keys[0].key=${OPS_KEY} "
                    + "(or key-sha256=<sha256 hex>), taskgateway.security.api-keys[0].roles=read,operate "
                    + "- or run with the demo profile. Active profiles: "
                    + Arrays.toString(environment.getActiveProfiles()));
        }
        return store;
    }

    @Bean
    ReadAccess readAccess(ApiKeyStore store, ApiKeyRateLimits rateLimits, FailedAuthLimits failedAuth) {
        return new ReadAccess(store, rateLimits, failedAuth);
    }

    /** A bean, so Spring Boot makes no default user with a generated password (which it would log). */
    @Bean
    ApiKeyAuthenticationProvider apiKeyAuthenticationProvider(ApiKeyStore store) {
        return new ApiKeyAuthenticationProvider(store);
    }

    @Bean
    ApiKeyRateLimits apiKeyRateLimits(SecurityProperties properties, ObjectProvider<SharedState> shared) {
        return ApiKeyRateLimits.of(properties).sharedIn(shared.getIfAvailable());
    }

    @Bean
    FailedAuthLimits failedAuthLimits(SecurityProperties properties, Clock clock, MeterRegistry meters,
                                      ObjectProvider<SharedState> shared) {
        SecurityProperties.FailedAuth settings = properties.getFailedAuth();
        if (settings.getLimit() < 1) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.security.failed-auth.limit",
                    settings.getLimit(), "must be at least 1");
        }
        if (settings.getPeriod() == null || settings.getPeriod().isNegative() || settings.getPeriod().isZero()) {
            throw new InvalidConfigurationPropertyValueException("taskgateway.security.failed-auth.period",
                    settings.getPeriod(), "must be positive");
        }
        return new FailedAuthLimits(settings, clock, meters, shared.getIfAvailable());
    }

    /**
     * Spring Security observes nothing: no observation around every filter of the chain, the
     * authentication and the authorization of each request. Nothing reads those meters, and even
     * unobserved, the decorated chain cost a tenth of a cached answer's CPU (issue 16, JFR);
     * {@code http.server.requests} still times every request.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Requests the firewall refuses (encoded '.', '//', ';', bad header values...) answer a 400 problem. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            ProblemDetail problem = ProblemWriter.problem(400, "malformed-request", "Malformed request",
                    "the request was refused: its path, a header or a parameter has characters or sequences that "
                            + "are not allowed (encoded '.', '/', '\\' or '%', '//', '..', ';', control characters)",
                    request.getRequestURI(), request.getAttribute(RequestIds.ATTRIBUTE));
            List<Map<String, String>> errors = RejectedParts.errors(request);
            if (!errors.isEmpty()) {
                problem.setProperty("errors", errors);
            }
            ProblemWriter.write(response, problem);
        };
    }

    /**
     * The filter order, in one place: a problem body for empty errors (around everything else),
     * CORS, request limits, API key, rate limit, then the role rules. Limits come before the key,
     * so nobody makes the gateway read more than they are allowed.
     */
    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider provider,
                                    ApiKeyRateLimits rateLimits, FailedAuthLimits failedAuth,
                                    SecurityProperties properties) throws Exception {
        AuthenticationFilter apiKeys = new AuthenticationFilter(new ProviderManager(provider), SecurityConfiguration::presentedKey);
        apiKeys.setSuccessHandler((request, response, authentication) -> { });
        apiKeys.setFailureHandler((request, response, e) -> {
            failedAuth.failed(request.getRemoteAddr());
            unauthorized(request, response, "the API key is not valid");
        });

        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(cors -> cors.configurationSource(CorsAllowList.of(properties.getCors().getAllowedOrigins())))
                .addFilterBefore(new EmptyErrorBodyFilter(), CorsFilter.class)
                .addFilterBefore(new RequestLimitsFilter(properties.getLimits().getMaxBodySize(), properties.getLimits().getMaxQueryLength()), BasicAuthenticationFilter.class)
                .addFilterBefore(new FailedAuthFilter(failedAuth), BasicAuthenticationFilter.class)
                .addFilterAt(apiKeys, BasicAuthenticationFilter.class)
                .addFilterAfter(new RateLimitFilter(rateLimits), BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> unauthorized(request, response,
                                "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(request, response, 403,
                                "forbidden", "Forbidden", "this API key lacks the role this endpoint needs")))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // The console's static files; the API calls they make need a key.
                        .requestMatchers(HttpMethod.GET, "/console", "/console/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/me").authenticated() // any valid key may see its roles
                        .requestMatchers("/error").permitAll()
                        // A scraper's key opens the metrics and nothing else (DESIGN §6); admin opens every endpoint.
                        .requestMatchers("/actuator/prometheus").hasAnyRole("METRICS", "ADMIN")
                        .requestMatchers("/actuator/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/tasks", "/tasks/**", "/sources", "/sources/**").hasRole("READ")
                        .requestMatchers(HttpMethod.HEAD, "/tasks", "/tasks/**", "/sources", "/sources/**").hasRole("READ")
                        .requestMatchers(HttpMethod.POST, "/tasks/**", "/tasks:batchDelete", "/sources/**").hasRole("OPERATE")
                        .requestMatchers(HttpMethod.DELETE, "/tasks/**").hasRole("OPERATE")
                        .anyRequest().authenticated());
        return http.build();
    }

    /** Reads {@code Authorization: Bearer <key>} or {@code X-API-Key}; null when neither is sent. */
    private static Authentication presentedKey(HttpServletRequest request) {
        String key = ReadAccess.presentedKey(request);
        return key == null ? null : ApiKeyAuthentication.presented(key);
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"task-gateway\"");
        ProblemWriter.write(request, response, 401, "unauthorized", "Unauthorized", detail);
    }
}
