package dev.taskgateway.providers.newapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.taskgateway.providers.newapi.NewApiBodies.refusal;
import static dev.taskgateway.providers.newapi.NewApiTestSources.TOKEN;
import static dev.taskgateway.providers.newapi.NewApiTestSources.query;
import static dev.taskgateway.providers.newapi.NewApiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.testing.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way new-api says no, and the error code and message the gateway reports for it. */
class NewApiErrorMappingTests {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true))
            .build();

    /** PROVIDER-NOTES §3.5, Chinese builds and English (i18n) builds; all with HTTP 200. */
    @ParameterizedTest
    @ValueSource(strings = {
        "无权进行此操作，未登录且未提供 access token",
        "无权进行此操作，access token 无效",
        "无权进行此操作，未提供 New-Api-User",
        "无权进行此操作，New-Api-User 格式错误",
        "无权进行此操作，New-Api-User 与登录用户不匹配",
        "用户已被封禁",
        "无权进行此操作，权限不足",
        "Unauthorized, invalid access token",
        "Unauthorized, New-Api-User header not provided",
        "Unauthorized, New-Api-User header format error",
        "Unauthorized, New-Api-User does not match logged in user",
        "Unauthorized, not logged in and no access token provided",
        "Unauthorized, insufficient privileges",
        "Unauthorized, invalid user info",
        "无权进行此操作，用户信息无效",
        "無權進行此操作，access token 無效",
        "使用者已被封禁",
        "User has been banned"})
    void authRefusalWithHttp200IsAuthFailed(String message) {
        SourceException e = failure(okJson(refusal(message)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void forkStyleAuthCodeIsAuthFailedWhateverTheMessage() {
        SourceException e = failure(okJson("{\"success\":false,\"code\":\"AUTH_USER_DISABLED\",\"message\":\"x\"}"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
    }

    /**
     * Business refusals that use words an auth refusal might: they are the request's fault (or
     * the channel's), not the credentials', so they must not stop the breaker-free auth path.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "insufficient quota for this channel",
        "用户额度不足",
        "permission denied by upstream platform: content moderation",
        "Insufficient balance on channel 12",
        "upstream access token expired for channel kling",
        "token 已过期，请在渠道设置中更新",
        "no permission to read this task",
        "获取任务列表失败"})
    void businessRefusalUsingAuthLikeWordsIsRejectedNotAuthFailed(String message) {
        SourceException e = failure(okJson(refusal(message)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
    }

    @Test
    void otherRefusalIsRejectedWithTheProvidersMessage() {
        SourceException e = failure(okJson(refusal("获取任务列表失败")));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
        assertThat(e.getMessage()).isEqualTo("new-api refused the request: 获取任务列表失败");
    }

    @Test
    void refusalWithoutMessageIsRejected() {
        assertThat(failure(okJson("{\"success\":false}")).code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
    }

    @Test
    void refusalEchoingTheTokenIsRedactedAndSummarized() {
        String message = "record not found for token " + TOKEN + "\n" + "x".repeat(500);

        SourceException e = failure(okJson(refusal(message)));

        assertThat(e.getMessage()).doesNotContain(TOKEN).contains("***").doesNotContain("\n");
        assertThat(e.getMessage().length()).isLessThan(220);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            401, 无权进行此操作，未提供 New-Api-User
            401, 无权进行此操作，New-Api-User 与登录用户不匹配
            403, 无权进行此操作，权限不足
            """)
    void http401And403AreAuthFailedWithTheMessage(int status, String message) {
        SourceException e = failure(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(refusal(message + " " + TOKEN)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(e.getMessage()).contains("HTTP " + status).contains(message).doesNotContain(TOKEN);
    }

    @Test
    void http401WithoutBodyIsAuthFailed() {
        assertThat(failure(aResponse().withStatus(401)).code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
    }

    @Test
    void http429WithAnEmptyBodyIsRateLimitedWithoutRetryAfter() {
        SourceException e = failure(aResponse().withStatus(429));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isNull();
    }

    @Test
    void http429HonoursRetryAfter() {
        SourceException e = failure(aResponse().withStatus(429).withHeader("Retry-After", "30"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isEqualTo(30L);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void serverErrorsAreUnavailable(int status) {
        SourceException e = failure(aResponse().withStatus(status).withBody("<html>bad gateway</html>"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain("html");
    }

    @Test
    void notFoundIsRejected() {
        SourceException e = failure(aResponse().withStatus(404).withBody("404 page not found"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
        assertThat(e.getMessage()).contains("HTTP 404");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "<html><body>Welcome to nginx</body></html>",
        "{\"success\":true,\"data\":{\"items\":[",
        "[1,2,3]",
        "{\"message\":\"no success flag\"}",
        "{\"success\":true,\"data\":\"oops\"}",
        "{\"success\":true,\"data\":{\"items\":{\"task_id\":\"x\"}}}"})
    void unreadable200IsBadResponse(String body) {
        SourceException e = failure(aResponse().withStatus(200).withBody(body));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
        assertThat(e.getMessage()).doesNotContain("nginx").doesNotContain("task_id");
    }

    @Test
    void findReportsTheSameFailures() {
        wm.stubFor(any(anyUrl()).willReturn(okJson(refusal("无权进行此操作，access token 无效"))));

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(wm.baseUrl(), "auto").find("task_a"));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
    }

    @Test
    void unreachableProviderIsUnavailable() {
        int closedPort = LoopbackPorts.unused();

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source("http://127.0.0.1:" + closedPort, "auto").fetch(query(1, 100)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("127.0.0.1");
    }

    private static SourceException failure(ResponseDefinitionBuilder response) {
        wm.stubFor(any(anyUrl()).willReturn(response));
        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(wm.baseUrl(), "auto").fetch(query(1, 100)));
        assertThat(e).as("a failure").isNotNull();
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        return e;
    }
}
