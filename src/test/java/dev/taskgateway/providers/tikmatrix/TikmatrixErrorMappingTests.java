package dev.taskgateway.providers.tikmatrix;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.UpstreamQuery;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each kind of TikMatrix failure becomes, the same for a list, a detail read and an action:
 * the envelope's {@code code} decides when there is one (PROVIDER-NOTES §4.2), the HTTP status
 * when there is none, and an answer that is neither is a bad response, never an empty success.
 */
class TikmatrixErrorMappingTests {

    @RegisterExtension
    static final WireMockExtension PC = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private TikmatrixTaskSource source;

    @BeforeEach
    void setUp() {
        source = TikmatrixTestSources.source(PC.baseUrl(), ZoneOffset.UTC, Duration.ofSeconds(2));
    }

    /** Calls that must report a failure the same way; none of them may answer empty. */
    enum Call {
        LIST(source -> source.fetch(new UpstreamQuery(Set.of(), null, null, null, 1, 100))),
        DETAIL(source -> source.find("5")),
        STOP(source -> source.perform(TaskAction.STOP, "5")),
        DELETE(source -> source.perform(TaskAction.DELETE, "5"));

        private final Consumer<TikmatrixTaskSource> call;

        Call(Consumer<TikmatrixTaskSource> call) {
            this.call = call;
        }

        void on(TikmatrixTaskSource source) {
            call.accept(source);
        }
    }

    @ParameterizedTest(name = "{0}: HTTP {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plan too low            | 200 | {\"code\":40301,\"message\":\"API requires Pro plan\"}  | UPSTREAM_AUTH_FAILED",
            "internal error          | 200 | {\"code\":50001,\"message\":\"db locked\"}             | UPSTREAM_UNAVAILABLE",
            "script not supported    | 200 | {\"code\":40003,\"message\":\"script not supported\"}  | UPSTREAM_REJECTED",
            "undocumented code       | 200 | {\"code\":12345,\"message\":\"?\"}                     | UPSTREAM_REJECTED",
            "internal error on 500   | 500 | {\"code\":50001,\"message\":\"db locked\"}             | UPSTREAM_UNAVAILABLE",
            "401 without a body      | 401 | ``                                                  | UPSTREAM_AUTH_FAILED",
            "403 from a proxy        | 403 | <html>forbidden</html>                              | UPSTREAM_AUTH_FAILED",
            "404 page, wrong path    | 404 | <html>not found</html>                              | UPSTREAM_REJECTED",
            "400 without envelope    | 400 | {\"error\":\"bad request\"}                           | UPSTREAM_REJECTED",
            "500 without a body      | 500 | ``                                                  | UPSTREAM_UNAVAILABLE",
            "429 without Retry-After | 429 | ``                                                  | UPSTREAM_RATE_LIMITED",
            "502 from a proxy        | 502 | <html>bad gateway</html>                            | UPSTREAM_UNAVAILABLE",
            "200 with a JSON array   | 200 | []                                                  | UPSTREAM_BAD_RESPONSE",
            "200 with code as text   | 200 | {\"code\":\"ok\",\"data\":{}}                           | UPSTREAM_BAD_RESPONSE",
            "200 without a code      | 200 | {\"message\":\"success\"}                            | UPSTREAM_BAD_RESPONSE",
            "200 without a body      | 200 | ``                                                  | UPSTREAM_BAD_RESPONSE",
            "200 cut short           | 200 | {\"code\":0,\"data\":{\"tasks\":[                     | UPSTREAM_BAD_RESPONSE",
            "200 with an HTML page   | 200 | <html>maintenance</html>                            | UPSTREAM_BAD_RESPONSE"})
    void everyCallMapsTheFailureToTheSameCode(String name, int status, String body, ErrorCode expected) {
        PC.stubFor(any(urlPathMatching("/api/v1/task.*")).willReturn(aResponse().withStatus(status).withBody(body)));

        for (Call call : Call.values()) {
            assertThatThrownBy(() -> call.on(source)).as(call.name())
                    .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.code()).isEqualTo(expected));
        }
    }

    /** Bad parameters are the request's fault on a read; on an action they mean the task's state (TikmatrixActionsTests). */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Call.class, names = {"LIST", "DETAIL"})
    void badParamsOnAReadIsARejection(Call call) {
        PC.stubFor(any(urlPathMatching("/api/v1/task.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"code\":40001,\"message\":\"page_size too large\"}")));

        assertThatThrownBy(() -> call.on(source)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
            assertThat(e.getMessage()).contains("40001").contains("page_size too large");
        });
    }

    @ParameterizedTest(name = "HTTP {0} with Retry-After {1} -> {2}")
    @CsvSource({"429, 7, UPSTREAM_RATE_LIMITED", "503, 9, UPSTREAM_UNAVAILABLE"})
    void retryAfterIsPassedOnWithTheFailure(int status, long seconds, ErrorCode expected) {
        PC.stubFor(any(urlPathMatching("/api/v1/task.*")).willReturn(aResponse().withStatus(status)
                .withHeader("Retry-After", Long.toString(seconds))));

        for (Call call : Call.values()) {
            assertThatThrownBy(() -> call.on(source)).as(call.name())
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.code()).isEqualTo(expected);
                        assertThat(e.retryAfterSeconds()).isEqualTo(seconds);
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a string     | {\"code\":0,\"data\":\"ok\"}",
            "an array     | {\"code\":0,\"data\":[{\"id\":1,\"status\":1}]}",
            "items object | {\"code\":0,\"data\":{\"tasks\":{\"0\":{\"id\":1,\"status\":1}},\"total\":1}}",
            "items text   | {\"code\":0,\"data\":{\"tasks\":\"[]\",\"total\":0}}"})
    void listDataOfAnUnknownShapeIsABadResponseNotAnEmptyPage(String name, String body) {
        PC.stubFor(any(urlPathMatching("/api/v1/task")).willReturn(aResponse().withStatus(200).withBody(body)));

        assertThatThrownBy(() -> Call.LIST.on(source)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Call.class, names = {"LIST", "DETAIL"})
    void providerMessagesAreCutToOneShortLine(Call call) {
        String longMessage = "db locked\\n" + "x".repeat(2_000);
        PC.stubFor(any(urlPathMatching("/api/v1/task.*")).willReturn(aResponse().withStatus(200)
                .withBody("{\"code\":40002,\"message\":\"" + longMessage + "\"}")));

        assertThatThrownBy(() -> call.on(source)).isInstanceOfSatisfying(SourceException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_REJECTED);
            assertThat(e.getMessage()).contains("40002").contains("db locked").doesNotContain("\n").hasSizeLessThan(250);
        });
    }
}
