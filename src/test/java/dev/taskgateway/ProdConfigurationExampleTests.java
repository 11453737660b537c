package dev.taskgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.security.SecurityProperties;
import dev.taskgateway.system.SourcesConfiguration;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/** config/application-prod.yml, the example for real accounts, builds every source with the real provider code. */
class ProdConfigurationExampleTests {

    /** Every variable the example needs, with values of the right shape; none is a real secret. */
    private static final String[] ENVIRONMENT = {
        "DASHBOARD_KEY=dashboard-key-0001", "OPS_KEY=ops-key-0001", "CURSOR_SECRET=cursor-secret-0123456789",
        "LONGLONGLONG_TOKEN=token-0001", "LONGLONGLONG_USER_ID=5832d184-dd53-42a0-8ace-0bf8d660f4cc",
        "NXLINK_HK_ACCESS_KEY=AK-HK", "NXLINK_HK_ACCESS_SECRET=secret-hk",
        "NXLINK_US_ACCESS_KEY=AK-US", "NXLINK_US_ACCESS_SECRET=secret-us",
        "NEWAPI_URL=https://newapi.example.com", "NEWAPI_TOKEN=newapi-token-0001", "NEWAPI_USER_ID=7"};

    @Configuration(proxyBeanMethods = false)
    @ComponentScan("dev.taskgateway.providers")
    @Import(SourcesConfiguration.class)
    static class Providers {
    }

    @Test
    void exampleBuildsAllFiveSourcesOfTheFourProvidersAndTwoKeys() {
        runner().withPropertyValues(ENVIRONMENT).run(context -> {
            assertThat(context).hasNotFailed();
            SourceRegistry registry = context.getBean(SourceRegistry.class);
            assertThat(registry.all()).extracting(e -> e.info().id() + "=" + e.info().provider()).containsExactly(
                    "llcall=longlonglong", "nxlink-hk=nxlink", "nxlink-us=nxlink", "newapi=new-api",
                    "tikmatrix-pc1=tikmatrix");
            assertThat(registry.enabled()).hasSize(5);

            SecurityProperties security = Binder.get(context.getEnvironment())
                    .bind("taskgateway.security", SecurityProperties.class).get();
            assertThat(security.getApiKeys()).extracting(k -> k.getName() + "=" + k.getRoles())
                    .containsExactly("dashboard=[read]", "ops=[read, operate]");
            assertThat(security.getApiKeys().get(1).getKey()).isEqualTo("ops-key-0001");
        });
    }

    /** Unchecked, Spring Boot binds the text "${OPS_KEY}" as the key: a gateway open to anyone reading this file. */
    @ParameterizedTest
    @CsvSource({"OPS_KEY, taskgateway.security.api-keys[1].key",
            "NXLINK_US_ACCESS_SECRET, taskgateway.sources.nxlink-us.access-secret"})
    void aMissingVariableStopsStartUpNamingItAndItsKey(String variable, String key) {
        String[] without = Stream.of(ENVIRONMENT).filter(v -> !v.startsWith(variable + "=")).toArray(String[]::new);
        runner().withPropertyValues(without).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(key).contains("${" + variable + "}")
                    .doesNotContain("ops-key-0001", "secret-hk");
        });
    }

    /** The example as the gateway sees it: the file, then the start-up check that every variable is set. */
    private static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(Providers.class)
                .withInitializer(context -> {
                    context.getEnvironment().getPropertySources().addLast(example());
                    new UnresolvedPlaceholderCheck().postProcessEnvironment(context.getEnvironment(), null);
                });
    }

    private static PropertySource<?> example() {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("config/application-prod.yml",
                    new FileSystemResource("config/application-prod.yml"));
            assertThat(documents).hasSize(1);
            return documents.get(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
