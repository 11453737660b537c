package dev.taskgateway.providers.nxlink;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.taskgateway.providers.nxlink.NxlinkClientTests.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.system.SourcesConfiguration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Sources made from YAML keys, and start-up failures that name the key but never a secret. */
class NxlinkConfigurationTests {

    private static final String SECRET = "s3cr3t-value-never-shown";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(SourcesConfiguration.class, NxlinkConfiguration.class);

    @Test
    void twoRegionsAreTwoSourcesOfOneProvider() {
        runner.withPropertyValues(region("nxlink-hk", "AK-HK"))
                .withPropertyValues(region("nxlink-us", "AK-US"))
                .run(context -> {
                    SourceRegistry registry = context.getBean(SourceRegistry.class);
                    assertThat(registry.all()).extracting(e -> e.info().id()).containsExactly("nxlink-hk", "nxlink-us");
                    assertThat(registry.all()).extracting(e -> e.info().provider()).containsOnly("nxlink");
                });
    }

    @Test
    void defaultsSignWithBizType100AndActionNxai() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"total\":0,\"list\":[]}")));

        runner.withPropertyValues(region("nxlink-hk", "AK-HK")).run(context -> {
            context.getBean(SourceRegistry.class).find("nxlink-hk").orElseThrow().source()
                    .fetch(new UpstreamQuery(Set.of(), null, null, null, 1, 1000));
        });

        wm.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("bizType", equalTo("100"))
                .withHeader("action", equalTo("nxai")).withHeader("accessKey", equalTo("AK-HK"))
                .withoutHeader("algorithm"));
    }

    @Test
    void configuredHeaderValuesAndPageSizeAreUsed() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"total\":0,\"list\":[]}")));

        runner.withPropertyValues(region("nxlink-hk", "AK-HK"))
                .withPropertyValues("taskgateway.sources.nxlink-hk.biz-type=8",
                        "taskgateway.sources.nxlink-hk.action=pageCallTaskInfo",
                        "taskgateway.sources.nxlink-hk.page-size=250",
                        "taskgateway.sources.nxlink-hk.algorithm=sha256")
                .run(context -> {
                    var source = context.getBean(SourceRegistry.class).find("nxlink-hk").orElseThrow().source();
                    assertThat(source.info().maxPageSize()).isEqualTo(250);
                    source.fetch(new UpstreamQuery(Set.of(), null, null, null, 1, 1000));
                });

        wm.verify(postRequestedFor(urlEqualTo(PATH)).withHeader("bizType", equalTo("8"))
                .withHeader("action", equalTo("pageCallTaskInfo")).withHeader("algorithm", equalTo("sha256")));
    }

    @Test
    void aMissingAccessSecretStopsStartUpNamingTheKey() {
        runner.withPropertyValues("taskgateway.sources.nxlink-hk.type=nxlink",
                        "taskgateway.sources.nxlink-hk.base-url=" + wm.baseUrl(),
                        "taskgateway.sources.nxlink-hk.access-key=AK-HK")
                .run(context -> assertThat(failure(context)).hasMessageContaining("taskgateway.sources.nxlink-hk.access-secret"));
    }

    @Test
    void aBlankAccessKeyStopsStartUpNamingTheKey() {
        runner.withPropertyValues("taskgateway.sources.nxlink-hk.type=nxlink",
                        "taskgateway.sources.nxlink-hk.base-url=" + wm.baseUrl(),
                        "taskgateway.sources.nxlink-hk.access-key= ",
                        "taskgateway.sources.nxlink-hk.access-secret=" + SECRET)
                .run(context -> assertThat(failure(context)).hasMessageContaining("taskgateway.sources.nxlink-hk.access-key")
                        .hasMessageNotContaining(SECRET));
    }

    @Test
    void aPageSizeOverAThousandStopsStartUpNamingKeyAndValue() {
        runner.withPropertyValues(region("nxlink-hk", "AK-HK"))
                .withPropertyValues("taskgateway.sources.nxlink-hk.page-size=1001")
                .run(context -> assertThat(failure(context))
                        .hasMessageContaining("taskgateway.sources.nxlink-hk.page-size").hasMessageContaining("1001")
                        .hasMessageNotContaining(SECRET));
    }

    @Test
    void anUnknownAlgorithmStopsStartUp() {
        runner.withPropertyValues(region("nxlink-hk", "AK-HK"))
                .withPropertyValues("taskgateway.sources.nxlink-hk.algorithm=sha1")
                .run(context -> assertThat(failure(context)).hasMessageContaining("taskgateway.sources.nxlink-hk.algorithm"));
    }

    @Test
    void aBizTypeThatWouldBreakTheSignedTextStopsStartUp() {
        runner.withPropertyValues(region("nxlink-hk", "AK-HK"))
                .withPropertyValues("taskgateway.sources.nxlink-hk.biz-type=100&ts=1")
                .run(context -> assertThat(failure(context)).hasMessageContaining("taskgateway.sources.nxlink-hk.biz-type"));
    }

    @Test
    void printedPropertiesHideTheCredentials() {
        NxlinkProperties properties = NxlinkTestSources.properties("AK-HK", SECRET);

        assertThat(properties.toString()).doesNotContain(SECRET).doesNotContain("AK-HK");
    }

    private static String[] region(String id, String accessKey) {
        String prefix = "taskgateway.sources." + id + ".";
        return new String[] {prefix + "type=nxlink", prefix + "base-url=" + wm.baseUrl(),
            prefix + "access-key=" + accessKey, prefix + "access-secret=" + SECRET};
    }

    private static InvalidConfigurationPropertyValueException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable cause = context.getStartupFailure();
        while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an InvalidConfigurationPropertyValueException").isNotNull();
        return (InvalidConfigurationPropertyValueException) cause;
    }
}
