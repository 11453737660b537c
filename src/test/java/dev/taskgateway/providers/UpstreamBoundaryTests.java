package dev.taskgateway.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.system.SourcesConfiguration;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Only configured base URLs are ever called: the shared client follows no redirect, and base URLs are plain. */
class UpstreamBoundaryTests {

    @Configuration(proxyBeanMethods = false)
    @ComponentScan("dev.taskgateway.providers")
    @Import(SourcesConfiguration.class)
    static class Providers {
    }

    private static final WireMockServer target = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final WireMockServer redirecting =
            new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Providers.class);

    @BeforeAll
    static void start() {
        target.start();
        redirecting.start();
        target.stubFor(any(anyUrl()).willReturn(okJson("{\"code\":0,\"data\":{\"tasks\":[]}}")));
    }

    @AfterAll
    static void stop() {
        target.stop();
        redirecting.stop();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource({"301", "302", "303", "307", "308"})
    void theSharedClientFollowsNoRedirect(int status) {
        redirecting.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Location", target.baseUrl() + "/api/v1/task")));
        runner.run(context -> {
            UpstreamHttp http = new UpstreamHttp(context.getBean(OkHttpClient.class), Duration.ofSeconds(2));

            UpstreamResponse response = http.execute(
                    new Request.Builder().url(redirecting.baseUrl() + "/api/v1/task").build());

            assertThat(response.status()).isEqualTo(status);
            assertThat(UpstreamHttp.failureForStatus(response).code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
            assertThat(UpstreamHttp.failureForStatus(response)).hasMessageContaining("redirect (HTTP " + status + ")");
        });
        assertThat(target.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://ops:hunter2-pw@127.0.0.1:50809 | no query, fragment or user info",
            "http://127.0.0.1:50809/?token=hunter2-pw | no query, fragment or user info",
            "http://127.0.0.1:50809/#hunter2-pw | no query, fragment or user info",
            "file:///etc/passwd | must be an http(s) URL",
            "gopher://127.0.0.1:70 | must be an http(s) URL",
            "http:///api | must be an http(s) URL",
            "http://ops:hunter2 pw@host | not a URL"})
    void baseUrlsMustBePlainHttpUrlsAndTheRefusalHidesCredentials(String url, String reason) {
        runner.withPropertyValues("taskgateway.sources.pc1.type=tikmatrix", "taskgateway.sources.pc1.base-url=" + url)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    StringBuilder messages = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        messages.append(t.getMessage()).append('\n');
                    }
                    assertThat(messages).contains("taskgateway.sources.pc1.base-url").contains(reason)
                            .doesNotContain("hunter2");
                });
    }
}
