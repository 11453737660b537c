package dev.taskgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Longlonglong simulator's wire format, read raw over HTTP (no adapter code involved). */
class LonglonglongSimulatorTests {

    private static final String TOKEN = "sim-test-token";
    private static final String MAIN = "5832d184-dd53-42a0-8ace-0bf8d660f4cc";
    private static final String LIST = "/agent-api/new/user/" + MAIN + "/subset_task";
    private static final LocalDateTime NEWEST = LocalDateTime.of(2025, 3, 10, 8, 0, 0);

    private final OkHttpClient http = new OkHttpClient();
    private SimulatorServer server;

    @BeforeEach
    void start() {
        server = SimulatorServer.start("longlonglong", 0, Faults.NONE,
                new LonglonglongSimulator(120, 42, TOKEN, MAIN, NEWEST));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listAnswersTheDocumentedEnvelopeWithPerPageAsTheRequestsString() throws IOException {
        JsonNode body = get(LIST + "?page=1&per_page=15", TOKEN).body;

        assertThat(body.get("code").asInt()).isEqualTo(200);
        assertThat(body.get("status").asString()).isEqualTo("success");
        assertThat(body.get("message").asString()).isNotBlank();
        JsonNode meta = body.get("meta");
        assertThat(meta.get("per_page").isString()).isTrue();
        assertThat(meta.get("per_page").asString()).isEqualTo("15");
        assertThat(meta.get("total").asInt()).isEqualTo(120);
        assertThat(meta.get("last_page").asInt()).isEqualTo(8);
        assertThat(meta.get("current_page").asInt()).isEqualTo(1);
        assertThat(meta.get("has_pages").isBoolean()).isTrue();
        assertThat(body.get("data").size()).isEqualTo(15);
    }

    @Test
    void perPageAboveTheCapIsCappedSilently() throws IOException {
        JsonNode body = get(LIST + "?page=2&per_page=100", TOKEN).body;

        assertThat(body.get("data").size()).isEqualTo(LonglonglongSimulator.MAX_PER_PAGE);
        assertThat(body.get("meta").get("last_page").asInt()).isEqualTo(3);
        assertThat(body.get("meta").get("current_page").asInt()).isEqualTo(2);
    }

    @Test
    void itemsCarryTheMixedTypesOfTheNotes() throws IOException {
        List<JsonNode> items = all();

        for (JsonNode item : items) {
            assertThat(item.get("uuid").asString()).matches("[0-9a-f-]{36}");
            assertThat(item.get("enable").isBoolean()).isTrue();
            assertThat(item.get("start").isInt()).isTrue();
            assertThat(item.get("destination_extension").isString()).isTrue();
            assertThat(item.get("originate_variables").asString()).isEqualTo("{execute_on_media=start_da}");
            assertThat(item.get("create_datetime").asString()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(item.get("task_extras").get("work_hour").get(0).get("wday").isInt()).isTrue();
            assertThat(item.get("task_extras").get("line").get(0).isObject()).isTrue();
            JsonNode remote = item.get("new_task_extra");
            if (remote.isObject() && !remote.isEmpty()) {
                assertThat(remote.get("work_hour").get(0).get("wday").isString()).isTrue();
                assertThat(remote.get("line").get(0).isString()).isTrue();
            }
        }
    }

    @Test
    void dataSetHoldsEveryStateAbnormalTasksAndSeveralSubAccounts() throws IOException {
        Set<String> states = new HashSet<>();
        Set<String> owners = new HashSet<>();
        for (JsonNode item : all()) {
            JsonNode remote = item.get("new_task_extra");
            states.add(remote.isNull() ? "null" : remote.isArray() ? "[]" : remote.isEmpty() ? "{}"
                    : item.get("enable").asBoolean() + "/" + remote.get("call_status").asBoolean());
            owners.add(item.get("user_id").asString());
        }

        assertThat(states).contains("true/true", "false/false", "true/false", "false/true", "null", "{}", "[]");
        assertThat(owners).hasSizeGreaterThan(1).doesNotContain(MAIN);
    }

    @Test
    void listComesOldestFirst() throws IOException {
        List<JsonNode> items = all();

        assertThat(items.get(0).get("create_datetime").asString())
                .isLessThan(items.get(items.size() - 1).get("create_datetime").asString());
        assertThat(items.get(items.size() - 1).get("create_datetime").asString()).isEqualTo("2025-03-10 08:00:00");
    }

    @Test
    void nameFilterIsACaseInsensitiveSubstring() throws IOException {
        JsonNode body = get(LIST + "?page=1&per_page=50&name=promo", TOKEN).body;

        assertThat(body.get("data").size()).isPositive();
        body.get("data").forEach(item -> assertThat(item.get("name").asString()).containsIgnoringCase("promo"));
        assertThat(body.get("meta").get("total").asInt()).isLessThan(120);
    }

    @Test
    void sameSeedGivesSameData() throws IOException {
        List<JsonNode> first = all();
        server.close();
        server = SimulatorServer.start("longlonglong", 0, Faults.NONE,
                new LonglonglongSimulator(120, 42, TOKEN, MAIN, NEWEST));

        assertThat(all()).isEqualTo(first);
    }

    @Test
    void missingOrWrongTokenIsUnauthenticated() throws IOException {
        for (String token : new String[] {null, "wrong"}) {
            Answer answer = get(LIST + "?page=1&per_page=15", token);

            assertThat(answer.status).isEqualTo(401);
            assertThat(answer.body.get("code").asInt()).isEqualTo(401);
            assertThat(answer.body.get("status").asString()).isEqualTo("error");
            assertThat(answer.body.get("message").asString()).isEqualTo("Unauthenticated.");
        }
    }

    @Test
    void anotherMainAccountIsForbidden() throws IOException {
        Answer answer = get("/agent-api/new/user/00000000-0000-4000-8000-000000000000/subset_task", TOKEN);

        assertThat(answer.status).isEqualTo(403);
        assertThat(answer.body.get("code").asInt()).isEqualTo(403);
    }

    @Test
    void pauseNeedsTheTasksSubAccountAndDisablesIt() throws IOException {
        JsonNode running = all().stream().filter(i -> i.get("enable").asBoolean()
                && i.get("new_task_extra").isObject() && i.get("new_task_extra").path("call_status").asBoolean())
                .findFirst().orElseThrow();
        String path = "/agent-api/new/user/" + MAIN + "/task_stop/" + running.get("uuid").asString();

        Answer withoutSub = put(path);
        Answer withSub = put(path + "?sub_user_id=" + running.get("user_id").asString());

        assertThat(withoutSub.status).isEqualTo(404);
        assertThat(withSub.status).isEqualTo(200);
        assertThat(withSub.body.get("status").asString()).isEqualTo("success");
        JsonNode after = all().stream().filter(i -> i.get("uuid").equals(running.get("uuid"))).findFirst().orElseThrow();
        assertThat(after.get("enable").asBoolean()).isFalse();
        assertThat(after.get("new_task_extra").get("call_status").asBoolean()).isFalse();
    }

    @Test
    void pauseOfAnUnknownTaskIsNotFound() throws IOException {
        Answer answer = put("/agent-api/new/user/" + MAIN + "/task_stop/a503d6b8-c4e7-4289-9fb4-d6f7b2931405");

        assertThat(answer.status).isEqualTo(404);
        assertThat(answer.body.get("code").asInt()).isEqualTo(404);
    }

    @Test
    void pauseByGetIsNotAllowed() throws IOException {
        assertThat(get("/agent-api/new/user/" + MAIN + "/task_stop/a503d6b8-c4e7-4289-9fb4-d6f7b2931405", TOKEN)
                .status).isEqualTo(405);
    }

    private List<JsonNode> all() throws IOException {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode body = get(LIST + "?page=" + page + "&per_page=50", TOKEN).body;
            body.get("data").forEach(items::add);
            if (body.get("meta").get("current_page").asInt() >= body.get("meta").get("last_page").asInt()) {
                return items;
            }
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer get(String path, String token) throws IOException {
        Request.Builder request = new Request.Builder().url(server.baseUrl() + path).get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Answer put(String path) throws IOException {
        return send(new Request.Builder().url(server.baseUrl() + path)
                .header("Authorization", "Bearer " + TOKEN)
                .put(RequestBody.create(new byte[0], MediaType.get("application/json"))).build());
    }

    private Answer send(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), SimulatorServer.JSON.readTree(response.body().bytes()));
        }
    }
}
