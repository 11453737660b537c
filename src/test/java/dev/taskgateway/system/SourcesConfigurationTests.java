package dev.taskgateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.ReadPolicy;
import dev.taskgateway.core.SourceRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Bad source configuration stops start-up with one message naming the key and the value. */
class SourcesConfigurationTests {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan("dev.taskgateway.providers")
    static class Providers {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SourcesConfiguration.class, Providers.class);

    @Test
    void validSourcesAreRegisteredInConfigurationOrder() {
        runner.withPropertyValues(
                        "taskgateway.sources.pc-2.type=tikmatrix", "taskgateway.sources.pc-2.base-url=http://127.0.0.1:50809",
                        "taskgateway.sources.pc-1.type=tikmatrix", "taskgateway.sources.pc-1.base-url=http://127.0.0.1:50810/",
                        "taskgateway.sources.pc-1.enabled=false")
                .run(context -> {
                    SourceRegistry registry = context.getBean(SourceRegistry.class);
                    assertThat(registry.all()).extracting(e -> e.info().id()).containsExactly("pc-2", "pc-1");
                    assertThat(registry.enabled()).extracting(e -> e.info().id()).containsExactly("pc-2");
                });
    }

    @Test
    void eachSourceCarriesItsOwnCacheLifetimesAndTheDefaultsWhereUnset() {
        runner.withPropertyValues(
                        "taskgateway.sources.pc-1.type=tikmatrix", "taskgateway.sources.pc-1.base-url=http://127.0.0.1:50809",
                        "taskgateway.sources.pc-1.cache.fresh-ttl=2s", "taskgateway.sources.pc-1.cache.stale-ttl=1m",
                        "taskgateway.sources.pc-2.type=tikmatrix", "taskgateway.sources.pc-2.base-url=http://127.0.0.1:50810")
                .run(context -> assertThat(context.getBean(SourceRegistry.class).all())
                        .extracting(SourceRegistry.Entry::policy)
                        .containsExactly(new ReadPolicy(Duration.ofSeconds(2), Duration.ofMinutes(1)),
                                new ReadPolicy(Duration.ofSeconds(15), Duration.ofMinutes(10))));
    }

    @Test
    void aStaleTtlBelowTheFreshTtlIsRefusedNamingTheKey() {
        runner.withPropertyValues("taskgateway.sources.pc1.type=tikmatrix",
                        "taskgateway.sources.pc1.base-url=http://127.0.0.1:50809",
                        "taskgateway.sources.pc1.cache.fresh-ttl=1m", "taskgateway.sources.pc1.cache.stale-ttl=10s")
                .run(context -> assertThat(rootMessage(context.getStartupFailure()))
                        .contains("taskgateway.sources.pc1.cache.stale-ttl").contains("at least fresh-ttl"));
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(delimiter = '|', value = {
            "taskgateway.sources.pc1.type      | jira              | unknown provider type",
            "taskgateway.sources.pc1.base-url  | ftp://host/x      | must be an http(s) URL",
            "taskgateway.sources.pc1.base-url  | not a url         | not a URL",
            "taskgateway.sources.pc1.base-url  | http://u:p@host   | no query, fragment or user info",
            "taskgateway.sources.pc1.timezone  | Mars/Olympus      | not a time zone",
            "taskgateway.sources.pc1.scan-cap  | 0                 | between 1 and 1000000",
            "taskgateway.sources.pc1.timeout   | 0s                | must be a positive duration",
            "taskgateway.sources.pc1.page-size | 500               | 1 to 100"})
    void badValueStopsStartUpNamingKeyAndValue(String key, String value, String reason) {
        runner.withPropertyValues("taskgateway.sources.pc1.type=tikmatrix",
                        "taskgateway.sources.pc1.base-url=http://127.0.0.1:50809", key + "=" + value)
                .run(context -> {
                    assertThat(context).hasFailed();
                    String message = rootMessage(context.getStartupFailure());
                    assertThat(message).contains(key).contains(reason);
                    if (!value.contains(":") && !key.endsWith("timeout")) {
                        assertThat(message).contains("'" + value + "'");
                    }
                });
    }

    @Test
    void badSourceIdIsRefused() {
        runner.withPropertyValues("taskgateway.sources.PC_1.type=tikmatrix",
                        "taskgateway.sources.PC_1.base-url=http://127.0.0.1:50809")
                .run(context -> assertThat(rootMessage(context.getStartupFailure()))
                        .contains("PC_1").contains("[a-z0-9-]{1,40}"));
    }

    @Test
    void missingBaseUrlIsRefused() {
        runner.withPropertyValues("taskgateway.sources.pc1.type=tikmatrix")
                .run(context -> assertThat(rootMessage(context.getStartupFailure()))
                        .contains("taskgateway.sources.pc1.base-url").contains("required"));
    }

    private static String rootMessage(Throwable failure) {
        Throwable t = failure;
        StringBuilder all = new StringBuilder();
        while (t != null) {
            all.append(t.getMessage()).append('\n');
            t = t.getCause();
        }
        return all.toString();
    }
}
