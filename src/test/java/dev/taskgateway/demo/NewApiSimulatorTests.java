package dev.taskgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The new-api simulator speaks the wire protocol of PROVIDER-NOTES §3, checked over real HTTP. */
class NewApiSimulatorTests {


    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NEWEST = Instant.parse("2026-01-15T12:00:00Z");
    private static final String USER = NewApiSimulator.USER_TOKEN;
    private static final String ADMIN = NewApiSimulator.ADMIN_TOKEN;

    private final OkHttpClient http = new OkHttpClient();
    private final MutableClock clock = new MutableClock(NEWEST.plusSeconds(3600));
    private SimulatorServer server;
    private NewApiSimulator simulator;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void missingAuthorizationIs401() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        Answer answer = get("/api/task/self", null, "1");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("success").asBoolean()).isFalse();
        assertThat(answer.json().path("message").asString()).isEqualTo("无权进行此操作，未登录且未提供 access token");
    }

    @ParameterizedTest(name = "{0} / New-Api-User {1} -> HTTP {2}")
    @CsvSource(nullValues = "NULL", textBlock = """
            'Bearer wrong-token',                  1,        200, 无权进行此操作，access token 无效
            'Bearer demo-newapi-user-token',       NULL,     401, 无权进行此操作，未提供 New-Api-User
            'Bearer demo-newapi-user-token',       Bearer 1, 401, 无权进行此操作，New-Api-User 格式错误
            'Bearer demo-newapi-user-token',       2,        401, 无权进行此操作，New-Api-User 与登录用户不匹配
            'Bearer demo-newapi-banned-token',     3,        200, 用户已被封禁
            """)
    void authFailuresAnswerAsNewApiDoes(String authorization, String userHeader, int status, String message)
            throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        Answer answer = get("/api/task/self", authorization, userHeader);

        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.json().path("success").asBoolean()).isFalse();
        assertThat(answer.json().path("message").asString()).isEqualTo(message);
    }

    @Test
    void commonUserOnTheAdminListIsRefusedWithHttp200() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        Answer answer = get("/api/task/", "Bearer " + USER, "1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("message").asString()).isEqualTo("无权进行此操作，权限不足");
    }

    @Test
    void bareTokenWithoutBearerIsAccepted() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        assertThat(get("/api/task/self", USER, "1").json().path("success").asBoolean()).isTrue();
    }

    @Test
    void selfListsOnlyTheTokenUsersTasksWithoutChannel() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        JsonNode data = get("/api/task/self?p=1&page_size=100", "Bearer " + USER, "1").json().path("data");

        assertThat(data.path("total").asLong()).isEqualTo(simulator.taskIds(NewApiSimulator.USER_ID).size());
        assertThat(data.path("items")).hasSize(100).allSatisfy(item -> {
            assertThat(item.path("user_id").asInt()).isEqualTo(NewApiSimulator.USER_ID);
            assertThat(item.path("channel_id").asInt()).isZero();
            assertThat(item.has("username")).isFalse();
        });
    }

    @Test
    void adminListsEveryTaskWithUsernames() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        JsonNode data = get("/api/task/?page_size=100", "Bearer " + ADMIN, "2").json().path("data");

        assertThat(data.path("total").asLong()).isEqualTo(500);
        Set<Integer> owners = new HashSet<>();
        data.path("items").forEach(item -> {
            owners.add(item.path("user_id").asInt());
            assertThat(item.path("username").asString()).isNotEmpty();
            assertThat(item.path("channel_id").asInt()).isPositive();
        });
        assertThat(owners).hasSizeGreaterThan(1);
    }

    @Test
    void currentPagesFromOneNewestIdFirstDefaultTenAtMostOneHundred() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        JsonNode byDefault = get("/api/task/?p=0", "Bearer " + ADMIN, "2").json().path("data");
        JsonNode page2 = get("/api/task/?p=2&ps=10", "Bearer " + ADMIN, "2").json().path("data");
        JsonNode huge = get("/api/task/?page_size=5000", "Bearer " + ADMIN, "2").json().path("data");

        assertThat(byDefault.path("page").asInt()).isEqualTo(1);
        assertThat(byDefault.path("page_size").asInt()).isEqualTo(10);
        assertThat(huge.path("page_size").asInt()).isEqualTo(100);
        assertThat(huge.path("items")).hasSize(100);
        List<Long> ids = new ArrayList<>();
        byDefault.path("items").forEach(i -> ids.add(i.path("id").asLong()));
        page2.path("items").forEach(i -> ids.add(i.path("id").asLong()));
        assertThat(ids).hasSize(20).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
        assertThat(ids.get(0)).isEqualTo(500);
        assertThat(ids.get(19)).isEqualTo(481);
    }

    @Test
    void legacyPagesFromZeroTenAtATimeAsABareList() throws IOException {
        start(NewApiSimulator.Shape.LEGACY);

        JsonNode first = get("/api/task/?p=0&page_size=100", "Bearer " + ADMIN, "2").json().path("data");
        JsonNode second = get("/api/task/?p=1", "Bearer " + ADMIN, "2").json().path("data");

        assertThat(first.isArray()).isTrue();
        assertThat(first).hasSize(10);
        assertThat(first.get(0).path("id").asLong()).isEqualTo(500);
        assertThat(second.get(0).path("id").asLong()).isEqualTo(490);
        assertThat(first.get(0).has("username")).isFalse();
    }

    @Test
    void filtersMatchExactlyAndTimesAreInclusiveOnSubmitTime() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);
        JsonNode newest = get("/api/task/?page_size=1", "Bearer " + ADMIN, "2").json().path("data").path("items").get(0);
        long submitted = newest.path("submit_time").asLong();
        String taskId = newest.path("task_id").asString();

        JsonNode byTime = get("/api/task/?page_size=100&start_timestamp=" + submitted + "&end_timestamp=" + submitted,
                "Bearer " + ADMIN, "2").json().path("data");
        JsonNode byId = get("/api/task/?task_id=" + taskId, "Bearer " + ADMIN, "2").json().path("data");
        JsonNode failed = get("/api/task/?page_size=100&status=FAILURE&platform=suno&action=MUSIC",
                "Bearer " + ADMIN, "2").json().path("data");

        assertThat(byTime.path("items")).isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("submit_time").asLong()).isEqualTo(submitted));
        assertThat(byId.path("total").asLong()).isEqualTo(1);
        assertThat(failed.path("items")).isNotEmpty().allSatisfy(i -> {
            assertThat(i.path("status").asString()).isEqualTo("FAILURE");
            assertThat(i.path("platform").asString()).isEqualTo("suno");
            assertThat(i.path("fail_reason").asString()).isNotEmpty();
            assertThat(i.path("progress").asString()).isEqualTo("100%");
        });
    }

    @Test
    void seedDataHoldsEveryNativeStatusSunoAndNumericVideoPlatforms() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);
        Set<String> statuses = new HashSet<>();
        Set<String> platforms = new HashSet<>();
        Set<String> progress = new HashSet<>();
        for (int p = 1; p <= 5; p++) {
            get("/api/task/?page_size=100&p=" + p, "Bearer " + ADMIN, "2").json().path("data").path("items").forEach(i -> {
                statuses.add(i.path("status").asString());
                platforms.add(i.path("platform").asString());
                progress.add(i.path("progress").asString());
            });
        }

        assertThat(statuses).contains("NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "SUCCESS", "FAILURE",
                "UNKNOWN", "");
        assertThat(platforms).contains("suno", "50", "51", "52", "54", "55", "24", "41");
        assertThat(progress).contains("0%", "10%", "20%", "100%", "排队中");
    }

    /**
     * As on a real instance: rows inserted in id order (created_at never decreases with id), each
     * stamped submit_time before its upstream call (at most a minute earlier), so submit order
     * and id order do disagree somewhere.
     */
    @Test
    void createdAtFollowsIdAndSubmitTimeIsStampedBeforeInsert() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);
        List<JsonNode> rows = new ArrayList<>();
        for (int p = 1; p <= 5; p++) {
            get("/api/task/?page_size=100&p=" + p, "Bearer " + ADMIN, "2").json().path("data").path("items").forEach(rows::add);
        }

        boolean submitOrderDisagrees = false;
        for (int i = 1; i < rows.size(); i++) {
            JsonNode newer = rows.get(i - 1);
            JsonNode older = rows.get(i);
            assertThat(newer.path("id").asLong()).isGreaterThan(older.path("id").asLong());
            assertThat(newer.path("created_at").asLong()).isGreaterThanOrEqualTo(older.path("created_at").asLong());
            submitOrderDisagrees |= newer.path("submit_time").asLong() < older.path("submit_time").asLong();
        }
        assertThat(rows).hasSize(500).allSatisfy(row -> assertThat(row.path("submit_time").asLong())
                .isBetween(row.path("created_at").asLong() - 60, row.path("created_at").asLong()));
        assertThat(rows).filteredOn(row -> row.path("platform").asString().equals("suno"))
                .allSatisfy(row -> assertThat(row.path("created_at").asLong() - row.path("submit_time").asLong()).isLessThanOrEqualTo(3));
        assertThat(submitOrderDisagrees).as("some submit_time is newer than a later id's").isTrue();
    }

    @Test
    void sameSeedGivesTheSameTasks() {
        List<String> a = new NewApiSimulator(200, 7, NEWEST, NewApiSimulator.Shape.CURRENT).taskIds(null);
        List<String> b = new NewApiSimulator(200, 7, NEWEST, NewApiSimulator.Shape.CURRENT).taskIds(null);
        List<String> c = new NewApiSimulator(200, 8, NEWEST, NewApiSimulator.Shape.CURRENT).taskIds(null);

        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(200);
    }

    @Test
    void addNowPutsNewTasksAtTheHeadInsertedNow() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        List<String> added = simulator.addNow(2);

        JsonNode items = get("/api/task/self?page_size=2", "Bearer " + USER, "1").json().path("data").path("items");
        assertThat(items.get(0).path("task_id").asString()).isEqualTo(added.get(1));
        assertThat(items.get(1).path("task_id").asString()).isEqualTo(added.get(0));
        long now = clock.instant().getEpochSecond();
        assertThat(items.get(0).path("created_at").asLong()).isEqualTo(now);
        assertThat(items.get(0).path("submit_time").asLong()).isBetween(now - 60, now);
        assertThat(items.get(0).path("status").asString()).isEqualTo("NOT_START");
    }

    @Test
    void rateLimitAnswers429WithAnEmptyBodyUntilTheWindowPasses() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);
        simulator.rateLimit(3, Duration.ofSeconds(180));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get("/api/task/self", "Bearer " + USER, "1").status());
        }
        Answer limited = get("/api/task/self", "Bearer " + USER, "1");
        clock.advance(Duration.ofSeconds(180));
        Answer later = get("/api/task/self", "Bearer " + USER, "1");

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(limited.body()).isEmpty();
        assertThat(later.status()).isEqualTo(200);
    }

    @Test
    void rateLimitIsOffByDefault() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        for (int i = 0; i < 200; i++) {
            assertThat(get("/api/task/self?page_size=1", "Bearer " + USER, "1").status()).isEqualTo(200);
        }
    }

    @Test
    void answersAreGzippedWhenTheClientAsks() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);
        Request request = new Request.Builder().url(server.baseUrl() + "/api/task/self")
                .header("Authorization", "Bearer " + USER).header("New-Api-User", "1")
                .header("Accept-Encoding", "gzip").build();

        try (Response response = http.newCall(request).execute()) {
            assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
            try (InputStream in = new GZIPInputStream(response.body().byteStream())) {
                assertThat(JSON.readTree(in.readAllBytes()).path("success").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void unknownRouteIs404() throws IOException {
        start(NewApiSimulator.Shape.CURRENT);

        assertThat(get("/api/mj/self", "Bearer " + USER, "1").status()).isEqualTo(404);
    }

    private void start(NewApiSimulator.Shape shape) {
        simulator = new NewApiSimulator(500, 42, NEWEST, shape, clock);
        server = SimulatorServer.start("new-api-test", 0, Faults.NONE, simulator);
    }

    private Answer get(String pathAndQuery, String authorization, String userHeader) throws IOException {
        Request.Builder request = new Request.Builder().url(server.baseUrl() + pathAndQuery);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (userHeader != null) {
            request.header("New-Api-User", userHeader);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            return new Answer(response.code(), response.body().bytes());
        }
    }

    /** One HTTP answer, gzip already undone by OkHttp. */
    private record Answer(int status, byte[] body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
