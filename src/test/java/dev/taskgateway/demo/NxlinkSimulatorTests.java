package dev.taskgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.demo.SimulatorServer.Call;
import dev.taskgateway.demo.SimulatorServer.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The simulator speaks NXLink's protocol: its signature checks, filters, paging and data. */
class NxlinkSimulatorTests {

    private static final String PATH = NxlinkSimulator.TASK_LIST_PATH;
    /** PROVIDER-NOTES vector V1: these inputs sign as a7aa8279…, independently of any code here. */
    private static final String AK = "AK-6230339248928541113-2133";
    private static final String SECRET = "3f7c1e2a9b8d4c6e";
    private static final long TS = 1746583929000L;
    private static final String V1_BODY = "{\"pageNumber\":1,\"pageSize\":10}";
    private static final String V1_SIGN = "a7aa82793ed09c6646d3800c91cbdf46";
    private static final Instant NEWEST = Instant.ofEpochMilli(TS);

    private final NxlinkSimulator simulator = new NxlinkSimulator(Clock.fixed(NEWEST, ZoneOffset.UTC))
            .account(AK, SECRET, 60, 7, NEWEST)
            .account("AK-OTHER", "other-secret", 5, 8, NEWEST);

    @Test
    void aRequestSignedAsVectorV1IsAnswered() {
        JsonNode body = json(simulator.handle(call(headers(AK, TS, V1_SIGN), V1_BODY)));

        assertThat(body.get("code").asInt()).isZero();
        assertThat(body.get("total").asInt()).isEqualTo(60);
        assertThat(body.get("list")).hasSize(10);
    }

    @Test
    void theSha256VariantOfV1IsAnsweredWithTheAlgorithmHeader() {
        Map<String, List<String>> headers = headers(AK, TS,
                "5ebb2869b0c2b5e9457cc4b168b510dfadef6fad55d8d36b7f928272410befe4");
        headers.put("algorithm", List.of("sha256"));

        assertThat(code(simulator.handle(call(headers, V1_BODY)))).isZero();
    }

    @Test
    void theSameJsonWithOtherWhitespaceFailsTheSignature() {
        assertThat(code(simulator.handle(call(headers(AK, TS, V1_SIGN), "{\"pageNumber\": 1, \"pageSize\": 10}"))))
                .isEqualTo(1003);
    }

    @Test
    void aSignMadeWithAnotherSecretIs1003() {
        assertThat(code(simulator.handle(call(headers(AK, TS, sign(AK, TS, V1_BODY, "wrong")), V1_BODY)))).isEqualTo(1003);
    }

    @Test
    void aWrongContentTypeIs1003() {
        Map<String, List<String>> headers = headers(AK, TS, V1_SIGN);
        headers.put("Content-Type", List.of("text/plain"));

        assertThat(code(simulator.handle(call(headers, V1_BODY)))).isEqualTo(1003);
    }

    @ParameterizedTest
    @ValueSource(strings = {"accessKey", "ts", "bizType", "action", "sign"})
    void aMissingCommonHeaderIs1001(String header) {
        Map<String, List<String>> headers = headers(AK, TS, V1_SIGN);
        headers.remove(header);

        assertThat(code(simulator.handle(call(headers, V1_BODY)))).isEqualTo(1001);
    }

    @Test
    void anUnknownAccessKeyIs1005() {
        assertThat(code(simulator.handle(call(headers("AK-NOBODY", TS, sign("AK-NOBODY", TS, V1_BODY, SECRET)), V1_BODY))))
                .isEqualTo(1005);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bizType=8", "action=pageCallTaskInfo", "bizType= 100"})
    void aWrongBizTypeOrActionIs1002(String change) {
        Map<String, List<String>> headers = headers(AK, TS, V1_SIGN);
        String[] kv = change.split("=", 2);
        headers.put(kv[0], List.of(kv[1]));

        assertThat(code(simulator.handle(call(headers, V1_BODY)))).isEqualTo(1002);
    }

    @ParameterizedTest
    @ValueSource(longs = {-60_001, 60_001, -1_746_583_929_000L + 1_746_583_929L})
    void aTsOutsideSixtySecondsIs1004(long offset) {
        long ts = TS + offset;

        assertThat(code(simulator.handle(call(headers(AK, ts, sign(AK, ts, V1_BODY, SECRET)), V1_BODY)))).isEqualTo(1004);
    }

    @ParameterizedTest
    @ValueSource(longs = {-60_000, 60_000})
    void aTsAtTheEdgeOfTheWindowIsAccepted(long offset) {
        long ts = TS + offset;

        assertThat(code(simulator.handle(call(headers(AK, ts, sign(AK, ts, V1_BODY, SECRET)), V1_BODY)))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pageNumber\":1,\"pageSize\":1001}", "{\"pageNumber\":0,\"pageSize\":10}",
        "{\"pageSize\":10}", "{\"pageNumber\":1,\"pageSize\":10,\"taskStatus\":\"\"}",
        "{\"pageNumber\":1,\"pageSize\":10,\"createStartTs\":\"\"}", "[1]", "not json"})
    void aBodyBreakingTheRulesIs1002(String body) {
        assertThat(code(simulator.handle(call(headers(AK, TS, sign(AK, TS, body, SECRET)), body)))).isEqualTo(1002);
    }

    @Test
    void everyAnswerIsHttp200EvenAnError() {
        assertThat(simulator.handle(call(headers(AK, TS, "bad"), V1_BODY)).status()).isEqualTo(200);
    }

    @Test
    void filtersSelectByStatusNameSubstringAndInclusiveCreatedRange() {
        List<Map<String, Object>> all = simulator.tasks(AK);
        Map<String, Object> probe = all.get(7);
        long created = ((Number) probe.get("createTs")).longValue();
        String word = String.valueOf(probe.get("taskName")).split(" ")[0].toUpperCase();
        String body = "{\"taskName\":\"" + word + "\",\"taskStatus\":" + probe.get("taskStatus") + ",\"createStartTs\":"
                + created + ",\"createEndTs\":" + created + ",\"pageNumber\":1,\"pageSize\":1000}";

        JsonNode answer = json(simulator.handle(call(headers(AK, TS, sign(AK, TS, body, SECRET)), body)));

        long expected = all.stream().filter(t -> ((Number) t.get("createTs")).longValue() == created
                && t.get("taskStatus").equals(probe.get("taskStatus"))
                && String.valueOf(t.get("taskName")).toUpperCase().contains(word)).count();
        assertThat(answer.get("total").asLong()).isEqualTo(expected).isPositive();
        assertThat(answer.get("list")).anySatisfy(t -> assertThat(t.get("taskId").asString()).isEqualTo(probe.get("taskId")));
    }

    @Test
    void pagesSplitTheListWithoutOverlap() {
        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 7; page++) {
            String body = "{\"pageNumber\":" + page + ",\"pageSize\":10}";
            JsonNode answer = json(simulator.handle(call(headers(AK, TS, sign(AK, TS, body, SECRET)), body)));
            answer.get("list").forEach(t -> assertThat(seen.add(t.get("taskId").asString())).isTrue());
            assertThat(answer.get("pageNumber").asInt()).isEqualTo(page);
        }
        assertThat(seen).hasSize(60);
    }

    @Test
    void eachAccountSeesOnlyItsOwnTasks() {
        String body = "{\"pageNumber\":1,\"pageSize\":1000}";
        JsonNode other = json(simulator.handle(call(headers("AK-OTHER", TS, sign("AK-OTHER", TS, body, "other-secret")), body)));

        assertThat(other.get("total").asInt()).isEqualTo(5);
        Set<String> mine = new HashSet<>();
        simulator.tasks(AK).forEach(t -> mine.add((String) t.get("taskId")));
        other.get("list").forEach(t -> assertThat(mine).doesNotContain(t.get("taskId").asString()));
    }

    @Test
    void dataWrappedPutsThePageInsideData() {
        simulator.dataWrapped(true);

        JsonNode body = json(simulator.handle(call(headers(AK, TS, V1_SIGN), V1_BODY)));

        assertThat(body.has("list")).isFalse();
        assertThat(body.get("data").get("list")).hasSize(10);
        assertThat(body.get("data").get("total").asInt()).isEqualTo(60);
    }

    @Test
    void seededDataHoldsEveryNativeStatusAndCountersThatAddUp() {
        List<Map<String, Object>> tasks = simulator.tasks(AK);
        Set<Object> statuses = new HashSet<>();
        boolean nullProgress = false;
        for (Map<String, Object> task : tasks) {
            statuses.add(task.get("taskStatus"));
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) task.get("statInfo");
            int total = (int) stats.get("totalOrderCount");
            int dialed = (int) stats.get("dialedOrderCount");
            int finished = (int) stats.get("finishOrderCount");
            int answered = (int) stats.get("answerOrderCount");
            assertThat(answered).isLessThanOrEqualTo(finished);
            assertThat(finished).isLessThanOrEqualTo(Math.max(dialed, total));
            assertThat(dialed).isLessThanOrEqualTo(total);
            assertThat((int) stats.get("totalCallCount")).isGreaterThanOrEqualTo(dialed);
            assertThat((int) stats.get("answerCallCount")).isLessThanOrEqualTo((int) stats.get("totalCallCount"));
            Object progress = stats.get("dialProgress");
            if (progress == null) {
                nullProgress = true;
            } else {
                assertThat(Double.parseDouble((String) progress)).isBetween(0.0, 100.0);
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        assertThat(nullProgress).isTrue();
    }

    @Test
    void theListIsNotNewestFirst() {
        List<Long> created = simulator.tasks(AK).stream().map(t -> ((Number) t.get("createTs")).longValue()).toList();

        assertThat(created).isNotEqualTo(created.stream().sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void theSameSeedGivesTheSameTasks() {
        NxlinkSimulator again = new NxlinkSimulator(Clock.systemUTC()).account(AK, SECRET, 60, 7, NEWEST);

        assertThat(again.tasks(AK)).isEqualTo(simulator.tasks(AK));
    }

    @Test
    void otherRoutesAreNotFound() {
        assertThat(simulator.handle(new Call("POST", "/openapi/aiagent/task/create", Map.of(), headers(AK, TS, V1_SIGN),
                V1_BODY.getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(404);
    }

    private static Call call(Map<String, List<String>> headers, String body) {
        return new Call("POST", PATH, Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> headers(String accessKey, long ts, String sign) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("accessKey", List.of(accessKey));
        headers.put("ts", List.of(Long.toString(ts)));
        headers.put("bizType", List.of("100"));
        headers.put("action", List.of("nxai"));
        headers.put("sign", List.of(sign));
        return headers;
    }

    /** The documented MD5 recipe, written out here so the test depends on neither implementation. */
    private static String sign(String accessKey, long ts, String body, String secret) {
        String text = "accessKey=" + accessKey + "&action=nxai&bizType=100&ts=" + ts + "&body=" + body
                + "&accessSecret=" + secret;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(Reply reply) {
        return SimulatorServer.JSON.readTree(reply.body());
    }

    private static int code(Reply reply) {
        return json(reply).get("code").asInt();
    }
}
