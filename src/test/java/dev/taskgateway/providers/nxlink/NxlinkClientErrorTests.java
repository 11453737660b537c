package dev.taskgateway.providers.nxlink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.taskgateway.providers.nxlink.NxlinkClientTests.PATH;
import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_KEY;
import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.nxlink.NxlinkSigner.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way an NXLink answer can fail, and what the gateway makes of it. */
class NxlinkClientErrorTests {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @ParameterizedTest(name = "code {0}")
    @CsvSource({
        "1001, missing common headers",
        "1002, parameter error",
        "1003, invalid signature",
        "1005, insufficient permission"})
    void authGatewayCodesAreAuthFailuresThatSayWhich(int code, String says) {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":" + code + ",\"message\":\"Authentication failed\"}")));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(e.getMessage()).contains(says).contains("code " + code);
        wm.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void timestampExpiredTwiceIsAnAuthFailureAfterExactlyTwoRequests() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":1004,\"message\":\"timestamp expired\"}")));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(e.getMessage()).contains("timestamp expired").contains("1004");
        wm.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void businessErrorIsRejectedWithItsMessageSummarizedAndSecretsBlanked() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":20000,\"message\":\"task quota exceeded for "
                + ACCESS_KEY + "\\n(secret " + ACCESS_SECRET + ")\"}")));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
        assertThat(e.getMessage()).isEqualTo("NXLink business error (code 20000): task quota exceeded for *** (secret ***)");
    }

    @Test
    void longProviderMessagesAreCutToOneShortLine() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":20000,\"message\":\"" + "x".repeat(5000) + "\"}")));

        assertThat(listFails().getMessage()).hasSizeLessThan(250).doesNotContain("\n");
    }

    @Test
    void anUndocumentedCodeIsRejected() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":777,\"message\":\"odd\"}")));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
        assertThat(e.getMessage()).isEqualTo("NXLink code 777: odd");
    }

    @Test
    void anUndocumentedCodeWithAServerErrorStatusIsUnavailable() {
        wm.stubFor(post(PATH).willReturn(json(503, "{\"code\":503,\"message\":\"busy\"}")));

        assertThat(listFails().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @ParameterizedTest(name = "HTTP {0} {2}")
    @CsvSource(delimiter = '|', value = {
        "401 | ''                                     | UPSTREAM_AUTH_FAILED",
        "403 | <html>forbidden</html>                 | UPSTREAM_AUTH_FAILED",
        "404 | <html>not found</html>                 | UPSTREAM_REJECTED",
        "500 | ''                                     | UPSTREAM_UNAVAILABLE",
        "502 | <html>bad gateway</html>               | UPSTREAM_UNAVAILABLE",
        "503 | {\"error\":\"simulated failure\"}       | UPSTREAM_UNAVAILABLE",
        "200 | ''                                     | UPSTREAM_BAD_RESPONSE",
        "200 | <html>oops</html>                      | UPSTREAM_BAD_RESPONSE",
        "200 | {\"code\":0,\"list\":[                 | UPSTREAM_BAD_RESPONSE",
        "200 | [1,2]                                  | UPSTREAM_BAD_RESPONSE",
        "200 | {\"message\":\"no code\"}              | UPSTREAM_BAD_RESPONSE",
        "200 | {\"code\":0,\"message\":\"success\"}   | UPSTREAM_BAD_RESPONSE",
        "200 | {\"code\":0,\"list\":{\"a\":1}}        | UPSTREAM_BAD_RESPONSE"})
    void bodiesThatSayNothingFallBackOnTheHttpStatus(int status, String body, ErrorCode code) {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(status).withBody(body)));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).doesNotContain("<html>").doesNotContain("simulated failure");
    }

    @Test
    void tooManyRequestsWithRetryAfterIsRateLimitedForThatLong() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(7);
    }

    @Test
    void tooManyRequestsWithoutRetryAfterIsRateLimitedWithoutADelay() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(429)));

        SourceException e = listFails();

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isNull();
    }

    @Test
    void aDroppedConnectionIsUnavailable() {
        wm.stubFor(post(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThat(listFails().code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void noAnswerWithinTheTimeoutIsATimeout() {
        wm.stubFor(post(PATH).willReturn(okJson(NxlinkClientTests.EMPTY_PAGE).withFixedDelay(2_000)));
        NxlinkClient client = new NxlinkClient(NxlinkTestSources.settings("nxlink-hk", wm.baseUrl(), 10_000),
                new UpstreamHttp(new OkHttpClient(), Duration.ofMillis(200)),
                new NxlinkSigner(ACCESS_KEY, ACCESS_SECRET, "100", "nxai", Algorithm.MD5), Clock.systemUTC(),
                List.of(ACCESS_SECRET, ACCESS_KEY));

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> client.list(NxlinkListRequest.page(1, 10)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The failure of one list call; no failure message may carry a credential. */
    private static SourceException listFails() {
        SourceException e = catchThrowableOfType(SourceException.class,
                () -> NxlinkClientTests.client(wm.baseUrl(), Clock.systemUTC(), Algorithm.MD5).list(NxlinkListRequest.page(1, 10)));
        assertThat(e).as("a SourceException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(ACCESS_SECRET).doesNotContain(ACCESS_KEY);
        return e;
    }
}
