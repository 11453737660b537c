package dev.taskgateway.console;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The ops console: static files under {@code classpath:/static/console/} (no build step), served
 * at {@code /console/} without a key (DESIGN §6) and under {@link ConsoleSecurityHeadersFilter}'s
 * strict Content-Security-Policy. The page itself calls the API with the key it is given.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration implements WebMvcConfigurer {

    /** The console's own URL; its files are relative to it, hence the trailing slash. */
    static final String PATH = "/console/";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        // Relative asset URLs need the trailing slash: /console would load /console.css.
        registry.addRedirectViewController("/console", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }

    /** Before Spring Security's chain, so its answers (a redirect, a 404) carry the policy too. */
    @Bean
    FilterRegistrationBean<ConsoleSecurityHeadersFilter> consoleSecurityHeaders() {
        FilterRegistrationBean<ConsoleSecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new ConsoleSecurityHeadersFilter());
        registration.addUrlPatterns("/console", "/console/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
