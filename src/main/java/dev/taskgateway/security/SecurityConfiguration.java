package dev.taskgateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * API keys with roles (DESIGN §6), built from Spring Security's own parts: an
 * {@link AuthenticationFilter} with a converter reading {@code Authorization: Bearer} or
 * {@code X-API-Key}, a provider checking the key store, and URL rules per role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String API_KEY_HEADER = "X-API-Key";

    @Bean
    ApiKeyStore apiKeyStore(SecurityProperties properties, Environment environment) {
        ApiKeyStore store = ApiKeyStore.of(properties.getApiKeys());
        if (store.isEmpty() && !environment.acceptsProfiles(Profiles.of("demo"))) {
            throw new IllegalStateException("No API keys are configured, so nobody could call the gateway. Add one: "
                    + "taskgateway.security.api-keys[0].name=ops, taskgateway.security.api-keys[0].key=${OPS_KEY} "
                    + "(or key-sha256=<sha256 hex>), taskgateway.security.api-keys[0].roles=read,operate "
                    + "- or run with the demo profile. Active profiles: "
                    + Arrays.toString(environment.getActiveProfiles()));
        }
        return store;
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyStore store) throws Exception {
        AuthenticationProvider provider = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                String key = ((ApiKeyAuthentication) authentication).presentedKey();
                return store.verify(key).map(ApiKeyAuthentication::verified)
                        .orElseThrow(() -> new BadCredentialsException("unknown API key"));
            }

            @Override
            public boolean supports(Class<?> type) {
                return ApiKeyAuthentication.class.isAssignableFrom(type);
            }
        };
        AuthenticationFilter apiKeys = new AuthenticationFilter(new ProviderManager(provider), SecurityConfiguration::presentedKey);
        apiKeys.setSuccessHandler((request, response, authentication) -> { });
        apiKeys.setFailureHandler((request, response, e) -> unauthorized(request, response,
                "the API key is not valid"));

        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAt(apiKeys, BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> unauthorized(request, response,
                                "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"))
                        .accessDeniedHandler((request, response, e) -> ProblemWriter.write(request, response, 403,
                                "forbidden", "Forbidden", "this API key lacks the role this endpoint needs")))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/error").permitAll()
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
        String header = request.getHeader(API_KEY_HEADER);
        if (header == null) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                header = authorization.substring(7);
            }
        }
        return header == null || header.isBlank() ? null : ApiKeyAuthentication.presented(header.trim());
    }

    private static void unauthorized(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                     String detail) throws java.io.IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"task-gateway\"");
        ProblemWriter.write(request, response, 401, "unauthorized", "Unauthorized", detail);
    }
}
