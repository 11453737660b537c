package dev.taskgateway.http;

import dev.taskgateway.system.SourcesProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front of every request: its id, its call context and the probes' short path; and the
 * problem Tomcat answers with when it refuses a request before any filter sees it.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    @Bean
    FilterRegistrationBean<RequestScopeFilter> requestScopeFilter(SourcesProperties sources,
                                                                 ObjectProvider<HealthEndpointWebExtension> health,
                                                                 ObjectProvider<EndpointJsonMapper> endpointJson,
                                                                 ObjectProvider<WebEndpointProperties> endpoints,
                                                                 JsonMapper json) {
        HealthEndpointWebExtension extension = health.getIfAvailable();
        WebEndpointProperties web = endpoints.getIfAvailable();
        Probes probes = extension == null || web == null ? Probes.none()
                : new Probes(extension, endpointJson.getIfAvailable(() -> () -> json).get(), web.getBasePath());
        FilterRegistrationBean<RequestScopeFilter> registration =
                new FilterRegistrationBean<>(new RequestScopeFilter(sources.getDeadline(), probes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own refusals (before Spring sees the request) answer a problem too. */
    @Bean
    ContainerErrorValve.Installer containerErrorValveInstaller() {
        return new ContainerErrorValve.Installer();
    }
}
