package dev.taskgateway.providers.longlonglong;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every list request the client sends, and every way the list can fail, against WireMock. */
class LonglonglongClientTests {

    @RegisterExtension
    static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = LonglonglongTestSupport.TOKEN;
    private static final String LIST_PATH = LonglonglongTestSupport.LIST_PATH;
    private static final String ITEM = """
            {"uuid":"dc7dd781-6d8a-42b1-9402-6d57636a8513","name":"Promo","enable":true,
             "new_task_extra":{"call_status":true},"create_datetime":"2024-09-02 21:45:18"}""";

    @Test
    void listAsksTheMainAccountsSubsetTasksWithBearerTokenAndJsonHeaders() {
        answer(ok("[" + ITEM + "]", meta(1, 1, 1)));

        source(Map.of()).fetch(query(2, 100, null));

        WIREMOCK.verify(1, getRequestedFor(urlEqualTo(LIST_PATH + "?page=2&per_page=100"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void nameFilterStaysLocalByDefault() {
        answer(ok("[" + ITEM + "]", meta(1, 1, 1)));

        UpstreamPage page = source(Map.of()).fetch(query(1, 100, "Promo"));

        WIREMOCK.verify(1, getRequestedFor(urlPathEqualTo(LIST_PATH)).withQueryParam("name", absent()));
        assertThat(page.totalExact()).isFalse();
    }

    @Test
    void nameFilterIsSentWhenConfiguredButTotalStaysInexact() {
        answer(ok("[" + ITEM + "]", meta(1, 1, 1)));

        UpstreamPage page = source(Map.of("push-name-filter", "true")).fetch(query(1, 100, "回访 & Promo"));

        WIREMOCK.verify(1, getRequestedFor(urlEqualTo(LIST_PATH
                + "?page=1&per_page=100&name=%E5%9B%9E%E8%AE%BF%20%26%20Promo")));
        assertThat(page.totalExact()).isFalse();
        assertThat(page.total()).isEqualTo(1L);
    }

    @Test
    void totalIsExactOnlyForAQueryWithoutFilters() {
        answer(ok("[" + ITEM + "]", meta(1, 1, 1)));
        LonglonglongTaskSource source = source(Map.of());

        assertThat(source.fetch(query(1, 100, null)).totalExact()).isTrue();
        assertThat(source.fetch(new UpstreamQuery(Set.of(TaskStatus.RUNNING), null, null, null, 1, 100))
                .totalExact()).isFalse();
        assertThat(source.fetch(new UpstreamQuery(null, null, Instant.EPOCH, null, 1, 100))
                .totalExact()).isFalse();
    }

    @Test
    void pageBelowLastPageIsNotLastEvenWhenShorterThanAsked() {
        // per_page=100 asked, the provider silently used 50: a short page, yet two more follow.
        answer(ok("[" + ITEM + "]", "{\"has_pages\":true,\"total\":150,\"last_page\":3,\"current_page\":1,\"per_page\":50}"));

        UpstreamPage page = source(Map.of()).fetch(query(1, 100, null));

        assertThat(page.last()).isFalse();
        assertThat(page.total()).isEqualTo(150L);
    }

    @Test
    void pageAtLastPageIsLast() {
        answer(ok("[" + ITEM + "]", meta(3, 3, 101)));

        assertThat(source(Map.of()).fetch(query(3, 100, null)).last()).isTrue();
    }

    @Test
    void emptyPageIsLastWhateverTheMetaSays() {
        answer(ok("[]", meta(1, 9, 900)));

        assertThat(source(Map.of()).fetch(query(1, 100, null)).last()).isTrue();
    }

    @Test
    void withoutMetaPagingGoesOnUntilAnEmptyPage() {
        answer(aResponse().withStatus(200).withBody("{\"code\":200,\"status\":\"success\",\"data\":[" + ITEM + "]}"));

        UpstreamPage page = source(Map.of()).fetch(query(1, 100, null));

        assertThat(page.last()).isFalse();
        assertThat(page.total()).isNull();
    }

    @Test
    void singlePageByHasPagesIsLast() {
        answer(ok("[" + ITEM + "]", "{\"has_pages\":false,\"total\":\"1\"}"));

        UpstreamPage page = source(Map.of()).fetch(query(1, 100, null));

        assertThat(page.last()).isTrue();
        assertThat(page.total()).isEqualTo(1L);
    }

    @Test
    void paginatorFieldsAtTopLevelAreReadToo() {
        answer(aResponse().withStatus(200).withBody("{\"code\":200,\"status\":\"success\",\"current_page\":\"2\","
                + "\"last_page\":\"2\",\"total\":\"16\",\"per_page\":\"15\",\"data\":[" + ITEM + "]}"));

        UpstreamPage page = source(Map.of()).fetch(query(2, 15, null));

        assertThat(page.last()).isTrue();
        assertThat(page.total()).isEqualTo(16L);
    }

    @Test
    void dataAsAnObjectKeyedByIndexIsReadAsItems() {
        answer(ok("{\"0\":" + ITEM + "}", meta(1, 1, 1)));

        assertThat(source(Map.of()).fetch(query(1, 100, null)).tasks()).hasSize(1);
    }

    @Test
    void successIsDecidedByTheBodyWhateverTheHttpStatus() {
        answer(aResponse().withStatus(500).withBody(okBody("[" + ITEM + "]", meta(1, 1, 1))));

        assertThat(source(Map.of()).fetch(query(1, 100, null)).tasks()).hasSize(1);
    }

    static Stream<Arguments> failures() {
        String html = "<html><body>502 Bad Gateway " + TOKEN + "</body></html>";
        return Stream.of(
                Arguments.of(200, error(401, "Unauthenticated."), null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(200, error(403, "无权限访问"), null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(401, error(401, "Unauthenticated."), null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(401, "{\"message\":\"Unauthenticated.\"}", null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(401, "", null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(403, html, null, ErrorCode.UPSTREAM_AUTH_FAILED, null),
                Arguments.of(429, "", null, ErrorCode.UPSTREAM_RATE_LIMITED, null),
                Arguments.of(429, "", "7", ErrorCode.UPSTREAM_RATE_LIMITED, 7L),
                Arguments.of(429, error(429, "Too Many Attempts."), "12", ErrorCode.UPSTREAM_RATE_LIMITED, 12L),
                Arguments.of(200, error(429, "请求过于频繁"), null, ErrorCode.UPSTREAM_RATE_LIMITED, null),
                Arguments.of(500, html, null, ErrorCode.UPSTREAM_UNAVAILABLE, null),
                Arguments.of(502, "", null, ErrorCode.UPSTREAM_UNAVAILABLE, null),
                Arguments.of(503, error(503, "系统维护中"), "30", ErrorCode.UPSTREAM_UNAVAILABLE, 30L),
                Arguments.of(200, error(500, "服务器错误"), null, ErrorCode.UPSTREAM_UNAVAILABLE, null),
                Arguments.of(200, error(422, "参数错误"), null, ErrorCode.UPSTREAM_REJECTED, null),
                Arguments.of(404, error(404, "Not Found"), null, ErrorCode.UPSTREAM_REJECTED, null),
                Arguments.of(400, "", null, ErrorCode.UPSTREAM_REJECTED, null),
                Arguments.of(200, "{\"code\":200,\"status\":\"error\",\"message\":\"x\"}", null,
                        ErrorCode.UPSTREAM_REJECTED, null),
                Arguments.of(200, "", null, ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                Arguments.of(200, html, null, ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                Arguments.of(200, "{\"code\":200,\"status\":\"succ", null, ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                Arguments.of(200, "[1,2]", null, ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                Arguments.of(200, "{\"data\":[]}", null, ErrorCode.UPSTREAM_BAD_RESPONSE, null),
                Arguments.of(200, "{\"code\":200,\"status\":\"success\",\"data\":\"oops\"}", null,
                        ErrorCode.UPSTREAM_BAD_RESPONSE, null));
    }

    @ParameterizedTest(name = "HTTP {0} {1} -> {3}")
    @MethodSource("failures")
    void failureMapsToItsCodeWithoutEchoingTheToken(int status, String body, String retryAfter, ErrorCode code,
                                                    Long retryAfterSeconds) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body);
        if (retryAfter != null) {
            response.withHeader("Retry-After", retryAfter);
        }
        answer(response);

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(Map.of()).fetch(query(1, 100, null)));

        assertThat(e.code()).isEqualTo(code);
        assertThat(e.retryAfterSeconds()).isEqualTo(retryAfterSeconds);
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("\n");
    }

    @Test
    void rejectionCarriesTheProvidersMessageSummarizedAndRedacted() {
        String message = "token " + TOKEN + " 不能访问该子账号\n" + "详情".repeat(200);
        answer(aResponse().withStatus(200).withBody(error(422, message)));

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(Map.of()).fetch(query(1, 100, null)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
        assertThat(e.getMessage()).startsWith("Longlonglong code 422 (HTTP 200): token *** 不能访问该子账号 详情")
                .doesNotContain(TOKEN).hasSizeLessThan(220);
    }

    @Test
    void failedBodyStatusIsNamedWithoutEchoingTheToken() {
        answer(aResponse().withStatus(200).withBody("{\"code\":200,\"status\":\"" + TOKEN + "\"}"));

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(Map.of()).fetch(query(1, 100, null)));

        assertThat(e.getMessage()).isEqualTo("Longlonglong code 200 with status '***' (HTTP 200)");
    }

    private static LonglonglongTaskSource source(Map<String, String> keys) {
        return LonglonglongTestSupport.source("http://127.0.0.1:" + WIREMOCK.getPort(), 10_000, keys);
    }

    private static UpstreamQuery query(int page, int size, String name) {
        return new UpstreamQuery(null, name, null, null, page, size);
    }

    private static void answer(ResponseDefinitionBuilder response) {
        WIREMOCK.stubFor(get(urlPathEqualTo(LIST_PATH)).willReturn(response));
    }

    private static ResponseDefinitionBuilder ok(String data, String meta) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(okBody(data, meta));
    }

    private static String okBody(String data, String meta) {
        return "{\"code\":200,\"status\":\"success\",\"message\":\"返回所有子账号的任务列表信息成功\",\"meta\":" + meta
                + ",\"data\":" + data + "}";
    }

    private static String meta(int current, int last, int total) {
        return "{\"has_pages\":" + (last > 1) + ",\"total\":" + total + ",\"last_page\":" + last
                + ",\"current_page\":" + current + ",\"per_page\":\"100\"}";
    }

    private static String error(int code, String message) {
        return "{\"code\":" + code + ",\"status\":\"error\",\"message\":\"" + message.replace("\n", "\\n") + "\"}";
    }
}
