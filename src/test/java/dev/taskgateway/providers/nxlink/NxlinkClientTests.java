package dev.taskgateway.providers.nxlink;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_KEY;
import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.taskgateway.providers.UpstreamHttp;
import dev.taskgateway.providers.nxlink.NxlinkSigner.Algorithm;
import dev.taskgateway.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exact requests the client sends, and both shapes of the answer it reads. */
class NxlinkClientTests {

    static final String PATH = "/openapi/aiagent/task/list";
    static final String EMPTY_PAGE = "{\"code\":0,\"message\":\"success\",\"traceId\":\"t\",\"total\":0,"
            + "\"pageNumber\":1,\"pageSize\":10,\"list\":[]}";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1")).build();

    @Test
    void filteredRequestIsSignedAndSentExactlyAsVectorV2() {
        wm.stubFor(post(PATH).willReturn(okJson(EMPTY_PAGE)));
        String v2 = "{\"taskName\":\"营销任务\",\"taskStatus\":2,\"createStartTs\":1746500000,"
                + "\"createEndTs\":1746583929,\"pageNumber\":1,\"pageSize\":20}";

        client(NxlinkTestSources.vectorClock(), Algorithm.MD5)
                .list(new NxlinkListRequest("营销任务", 2, 1746500000L, 1746583929L, 1, 20));

        wm.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("accessKey", equalTo(ACCESS_KEY))
                .withHeader("ts", equalTo("1746583929000"))
                .withHeader("bizType", equalTo("100"))
                .withHeader("action", equalTo("nxai"))
                .withHeader("sign", equalTo("738c590c7e0d1980541c6334aab6063e"))
                .withoutHeader("algorithm")
                .withoutHeader("accessSecret")
                .withRequestBody(binaryEqualTo(v2.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void unfilteredRequestOmitsEveryFilterAndSignsAsVectorV1() {
        wm.stubFor(post(PATH).willReturn(okJson(EMPTY_PAGE)));

        client(NxlinkTestSources.vectorClock(), Algorithm.MD5).list(NxlinkListRequest.page(1, 10));

        wm.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("sign", equalTo("a7aa82793ed09c6646d3800c91cbdf46"))
                .withRequestBody(binaryEqualTo("{\"pageNumber\":1,\"pageSize\":10}".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void sha256SendsTheAlgorithmHeaderWithTheSha256Sign() {
        wm.stubFor(post(PATH).willReturn(okJson(EMPTY_PAGE)));

        client(NxlinkTestSources.vectorClock(), Algorithm.SHA256).list(NxlinkListRequest.page(1, 10));

        wm.verify(postRequestedFor(urlEqualTo(PATH))
                .withHeader("algorithm", equalTo("sha256"))
                .withHeader("sign", equalTo("5ebb2869b0c2b5e9457cc4b168b510dfadef6fad55d8d36b7f928272410befe4")));
    }

    @Test
    void tsIsTheClockInMilliseconds() {
        wm.stubFor(post(PATH).willReturn(okJson(EMPTY_PAGE)));
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T08:00:00.123Z"), ZoneOffset.UTC);

        client(clock, Algorithm.MD5).list(NxlinkListRequest.page(2, 1000));

        LoggedRequest request = wm.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(request.getHeader("ts")).isEqualTo("1772352000123");
        assertThat(request.getHeader("sign")).isEqualTo(NxlinkSigner.sign(ACCESS_KEY, "nxai", "100", "1772352000123",
                "{\"pageNumber\":2,\"pageSize\":1000}", ACCESS_SECRET, Algorithm.MD5));
    }

    @Test
    void expiredTimestampIsReSignedWithAFreshTsAndSentOnceMore() {
        wm.stubFor(post(PATH).inScenario("ts").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"code\":1004,\"message\":\"timestamp expired\"}")).willSetStateTo("retried"));
        wm.stubFor(post(PATH).inScenario("ts").whenScenarioStateIs("retried")
                .willReturn(okJson("{\"code\":0,\"total\":1,\"list\":[{\"taskId\":\"a\"}]}")));
        MutableClock clock = MutableClock.ticking(Instant.ofEpochMilli(NxlinkTestSources.VECTOR_TS), Duration.ofSeconds(3));

        NxlinkListResponse response = client(clock, Algorithm.MD5).list(NxlinkListRequest.page(1, 10));

        assertThat(response.tasks()).hasSize(1);
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(requests).extracting(r -> r.getHeader("ts")).containsExactly("1746583929000", "1746583932000");
        assertThat(requests).allSatisfy(r -> assertThat(r.getHeader("sign")).isEqualTo(NxlinkSigner.sign(ACCESS_KEY,
                "nxai", "100", r.getHeader("ts"), r.getBodyAsString(), ACCESS_SECRET, Algorithm.MD5)));
        assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly("{\"pageNumber\":1,\"pageSize\":10}");
    }

    @Test
    void topLevelPageIsRead() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"message\":\"success\",\"total\":12,\"pageNumber\":2,"
                + "\"pageSize\":10,\"list\":[{\"taskId\":\"a\"},{\"taskId\":\"b\"}]}")));

        NxlinkListResponse response = client(Clock.systemUTC(), Algorithm.MD5).list(NxlinkListRequest.page(2, 10));

        assertThat(response.tasks()).extracting(n -> n.get("taskId").stringValue()).containsExactly("a", "b");
        assertThat(response.total()).isEqualTo(12);
        assertThat(response.pageNumber()).isEqualTo(2);
        assertThat(response.pageSize()).isEqualTo(10);
    }

    @Test
    void pageInsideDataIsRead() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"message\":\"success\",\"data\":{\"total\":\"12\","
                + "\"pageNumber\":2,\"pageSize\":10,\"list\":[{\"taskId\":\"a\"}]}}")));

        NxlinkListResponse response = client(Clock.systemUTC(), Algorithm.MD5).list(NxlinkListRequest.page(2, 10));

        assertThat(response.tasks()).hasSize(1);
        assertThat(response.total()).isEqualTo(12);
    }

    @Test
    void nullListWithATotalIsAnEmptyPage() {
        wm.stubFor(post(PATH).willReturn(okJson("{\"code\":0,\"total\":0,\"list\":null}")));

        assertThat(client(Clock.systemUTC(), Algorithm.MD5).list(NxlinkListRequest.page(1, 10)).tasks()).isEmpty();
    }

    @Test
    void successIsTheBodysCodeWhateverTheHttpStatus() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":0,\"total\":1,\"list\":[{\"taskId\":\"a\"}]}")));

        assertThat(client(Clock.systemUTC(), Algorithm.MD5).list(NxlinkListRequest.page(1, 10)).tasks()).hasSize(1);
    }

    private static NxlinkClient client(Clock clock, Algorithm algorithm) {
        return client(wm.baseUrl(), clock, algorithm);
    }

    /** A client of the vector account against {@code baseUrl}, built as production builds it. */
    static NxlinkClient client(String baseUrl, Clock clock, Algorithm algorithm) {
        return new NxlinkClient(NxlinkTestSources.settings("nxlink-hk", baseUrl, 10_000),
                new UpstreamHttp(new OkHttpClient(), Duration.ofSeconds(2)),
                new NxlinkSigner(ACCESS_KEY, ACCESS_SECRET, "100", "nxai", algorithm), clock,
                List.of(ACCESS_SECRET, ACCESS_KEY));
    }
}
