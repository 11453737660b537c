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
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front of every request: its id, its call context and the probes' short path; and the
 * problem Tomcat answers with when it refuses a request before any filter sees it.
 */
@Configuration(proxyBeanMethods = false)
class HttpConfiguration {

    /** The probes' short path: the first shortcut, before any other. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    Probes probes(ObjectProvider<HealthEndpointWebExtension> health, ObjectProvider<EndpointJsonMapper> endpointJson,
                  ObjectProvider<WebEndpointProperties> endpoints, JsonMapper json) {
        HealthEndpointWebExtension extension = health.getIfAvailable();
        WebEndpointProperties web = endpoints.getIfAvailable();
        return extension == null || web == null ? Probes.none()
                : new Probes(extension, endpointJson.getIfAvailable(() -> () -> json).get(), web.getBasePath());
    }

    @Bean
    FilterRegistrationBean<RequestScopeFilter> requestScopeFilter(SourcesProperties sources,
                                                                 ObjectProvider<Shortcut> shortcuts) {
        FilterRegistrationBean<RequestScopeFilter> registration = new FilterRegistrationBean<>(
                new RequestScopeFilter(sources.getDeadline(), shortcuts.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own refusals (before Spring sees the request) answer a problem too. */
    @Bean
    ContainerErrorValve.Installer containerErrorValveInstaller() {
        return new ContainerErrorValve.Installer();
    }
}
