package dev.taskgateway.providers.nxlink;

import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_KEY;
import static dev.taskgateway.providers.nxlink.NxlinkTestSources.ACCESS_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.providers.nxlink.NxlinkSigner.Algorithm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every vector of PROVIDER-NOTES "Test vectors", reproduced exactly. */
class NxlinkSignerTests {

    private static final String V0_KEY = "fme2na3kdi3ki";
    private static final String V0_SECRET = "abciiiko2k3";
    private static final String V0_TS = "1655710885431";
    private static final String V1_BODY = "{\"pageNumber\":1,\"pageSize\":10}";
    private static final String V2_BODY = "{\"taskName\":\"营销任务\",\"taskStatus\":2,\"createStartTs\":1746500000,"
            + "\"createEndTs\":1746583929,\"pageNumber\":1,\"pageSize\":20}";

    @ParameterizedTest(name = "V0 body {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"牛小信\",\"id\":10001}     | 87c3560d3331ae23f1021e2025722354",
        "{\"id\":10001,\"name\":\"牛小信\"}     | 7750759da06333f20d0640be09355e34",
        "{\"id\": 10001, \"name\": \"牛小信\"}  | d0c24a9886c629330d7f3f2056c65bc2"})
    void publishedVendorVectorAndItsVariantsReproduce(String body, String sign) {
        assertThat(NxlinkSigner.sign(V0_KEY, "send", "1", V0_TS, body, V0_SECRET, Algorithm.MD5)).isEqualTo(sign);
    }

    @Test
    void vendorVectorHashesTheDocumentedString() {
        assertThat(NxlinkSigner.canonical(V0_KEY, "send", "1", V0_TS, "{\"name\":\"牛小信\",\"id\":10001}") + "&accessSecret=" + V0_SECRET)
                .isEqualTo("accessKey=fme2na3kdi3ki&action=send&bizType=1&ts=1655710885431"
                        + "&body={\"name\":\"牛小信\",\"id\":10001}&accessSecret=abciiiko2k3");
    }

    @Test
    void minimalTaskListBodySignsAsV1WithMd5() {
        assertThat(v(V1_BODY, Algorithm.MD5)).isEqualTo("a7aa82793ed09c6646d3800c91cbdf46");
    }

    @Test
    void minimalTaskListBodySignsAsV1WithSha256() {
        assertThat(v(V1_BODY, Algorithm.SHA256))
                .isEqualTo("5ebb2869b0c2b5e9457cc4b168b510dfadef6fad55d8d36b7f928272410befe4");
    }

    @Test
    void filteredNonAsciiBodySignsAsV2() {
        assertThat(v(V2_BODY, Algorithm.MD5)).isEqualTo("738c590c7e0d1980541c6334aab6063e");
    }

    @Test
    void whitespaceInTheBodyChangesTheSignatureAsV3() {
        assertThat(v("{\"pageNumber\": 1, \"pageSize\": 10}", Algorithm.MD5))
                .isEqualTo("11596b79abbffde4cc08bd94b06aedd5")
                .isNotEqualTo(v(V1_BODY, Algorithm.MD5));
    }

    @Test
    void emptyBodyLeavesOutTheBodySegmentAsV4() {
        assertThat(NxlinkSigner.canonical(ACCESS_KEY, "nxai", "100", "1746583929000", ""))
                .isEqualTo("accessKey=AK-6230339248928541113-2133&action=nxai&bizType=100&ts=1746583929000");
        assertThat(v("", Algorithm.MD5)).isEqualTo("705dc1aa471c2b6a45efc946e273b2e8");
        assertThat(v(null, Algorithm.MD5)).isEqualTo("705dc1aa471c2b6a45efc946e273b2e8");
    }

    @Test
    void headersCarryEveryFieldAsStringsInTheDocumentedOrder() {
        NxlinkSigner signer = new NxlinkSigner(ACCESS_KEY, ACCESS_SECRET, "100", "nxai", Algorithm.MD5);

        assertThat(signer.headers(1746583929000L, V1_BODY)).containsExactly(
                Map.entry("accessKey", ACCESS_KEY),
                Map.entry("ts", "1746583929000"),
                Map.entry("bizType", "100"),
                Map.entry("action", "nxai"),
                Map.entry("sign", "a7aa82793ed09c6646d3800c91cbdf46"));
    }

    @Test
    void sha256AddsTheUnsignedAlgorithmHeader() {
        NxlinkSigner signer = new NxlinkSigner(ACCESS_KEY, ACCESS_SECRET, "100", "nxai", Algorithm.SHA256);

        assertThat(signer.headers(1746583929000L, V1_BODY))
                .containsEntry("algorithm", "sha256")
                .containsEntry("sign", "5ebb2869b0c2b5e9457cc4b168b510dfadef6fad55d8d36b7f928272410befe4");
    }

    @Test
    void printingASignerShowsNoCredential() {
        NxlinkSigner signer = new NxlinkSigner(ACCESS_KEY, ACCESS_SECRET, "100", "nxai", Algorithm.MD5);

        assertThat(signer.toString()).doesNotContain(ACCESS_SECRET).doesNotContain(ACCESS_KEY);
    }

    @Test
    void algorithmNamesParseCaseInsensitivelyAndOthersDoNot() {
        assertThat(Algorithm.parse("MD5")).isEqualTo(Algorithm.MD5);
        assertThat(Algorithm.parse(" sha256 ")).isEqualTo(Algorithm.SHA256);
        assertThat(Algorithm.parse("sha1")).isNull();
        assertThat(Algorithm.parse(null)).isNull();
    }

    private static String v(String body, Algorithm algorithm) {
        return NxlinkSigner.sign(ACCESS_KEY, "nxai", "100", "1746583929000", body, ACCESS_SECRET, algorithm);
    }
}
