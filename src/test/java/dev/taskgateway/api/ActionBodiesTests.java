package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the actions that are not what the API asks for: each is a 400
 * {@code invalid-request} naming the body or the field that is wrong (never a 500), and the
 * content type is not what decides whether a JSON body is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ActionBodiesTests {

    static final ZoneId ZONE = ZoneId.of("UTC");
    static final SimulatorServer PC = SimulatorServer.start("tm-bodies", 0, Faults.NONE,
            new TikmatrixSimulator(20, 11, ZONE, LocalDateTime.of(2026, 3, 1, 12, 0)));
    static final String KEY = "ops-key-0001-bodies";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.pc.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.pc.base-url", PC::baseUrl);
        registry.add("taskgateway.sources.pc.timezone", ZONE::getId);
        registry.add("taskgateway.security.api-keys[0].name", () -> "ops");
        registry.add("taskgateway.security.api-keys[0].key", () -> KEY);
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read,operate");
    }

    @AfterAll
    static void stop() {
        PC.close();
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                              | body   | a JSON object is required
            {                               | body   | is not valid JSON
            {"ids":["pc:1"]} trailing       | body   | is not valid JSON
            {"ids":["pc:1"]} {}             | body   | is not valid JSON
            {"ids":["pc:1"]} 1              | body   | is not valid JSON
            []                              | body   | must be a JSON object
            "pc:1"                          | body   | must be a JSON object
            null                            | body   | must be a JSON object
            {}                              | ids    | must be a list of 1 to 100 task ids
            {"ids":null}                    | ids    | must be a list of 1 to 100 task ids
            {"ids":"pc:1"}                  | ids    | must be a list of 1 to 100 task ids
            {"ids":{"a":"pc:1"}}            | ids    | must be a list of 1 to 100 task ids
            {"ids":[]}                      | ids    | must be a list of 1 to 100 task ids
            {"ids":["pc:1","broken"]}       | ids[1] | task id must look like <source>:<nativeId>
            {"ids":["pc:1",null]}           | ids[1] | task id must look like <source>:<nativeId>
            {"ids":["Bad:1"]}               | ids[0] | source id must match [a-z0-9-]{1,40}
            """)
    void aBatchDeleteBodyThatIsNotAListOfIdsIs400NamingWhatIsWrong(String body, String field, String message) {
        JsonNode problem = problem(post("/tasks:batchDelete", "application/json", body));

        assertThat(problem.path("errors")).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo(message);
        assertThat(problem.path("detail").asString()).isEqualTo(field + ": " + message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"{\"ids\":[1]}", "{\"ids\":[{}]}", "{\"ids\":[[\"pc:1\"]]}", "{\"ids\":[true]}"})
    void anIdOfTheWrongJsonTypeIs400NamingItsIndex(String body) {
        JsonNode problem = problem(post("/tasks:batchDelete", "application/json", body));

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("ids[0]");
        assertThat(problem.path("errors").get(0).path("message").asString())
                .isEqualTo("task id must look like <source>:<nativeId>");
    }

    @Test
    void everyBadIdIsNamedInTheOrderGiven() {
        JsonNode problem = problem(post("/tasks:batchDelete", "application/json",
                "{\"ids\":[\"pc:1\",\"x\",\"pc:2\",\"y\"]}"));

        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("ids[1]", "ids[3]");
        assertThat(problem.path("detail").asString()).isEqualTo("2 parameters are invalid; see errors");
    }

    @Test
    void moreThanAHundredIdsIs400NamingIds() {
        String ids = IntStream.rangeClosed(1, 101).mapToObj(i -> "\"pc:" + i + "\"").collect(Collectors.joining(","));

        JsonNode problem = problem(post("/tasks:batchDelete", "application/json", "{\"ids\":[" + ids + "]}"));

        assertThat(problem.path("detail").asString()).isEqualTo("ids: must be a list of 1 to 100 task ids");
    }

    @Test
    void unknownMembersBesideIdsAreIgnored() {
        HttpResponse<String> answer = post("/tasks:batchDelete", "application/json",
                "{\"ids\":[\"pc:999999\"],\"dryRun\":true}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).path("results").get(0).path("outcome").asString()).isEqualTo("NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/octet-stream", "application/json; charset=utf-8"})
    void aJsonBodyIsReadWhateverItsContentTypeSays(String type) {
        HttpResponse<String> answer = post("/tasks:batchDelete", type, "{\"ids\":[\"pc:999999\"]}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(json(answer).path("results").get(0).path("id").asString()).isEqualTo("pc:999999");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``         | a JSON object is required
            {          | is not valid JSON
            {} []      | is not valid JSON
            [1]        | must be a JSON object
            "x"        | must be a JSON object
            """)
    void aCreateBodyThatIsNotAJsonObjectIs400NamingTheBody(String body, String message) {
        JsonNode problem = problem(post("/sources/pc/tasks", "application/json", body));

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("body");
        assertThat(problem.path("detail").asString()).isEqualTo("body: " + message);
    }

    @Test
    void aCreateBodyIsReadWhateverItsContentTypeSays() {
        HttpResponse<String> answer = post("/sources/pc/tasks", "text/plain",
                "{\"serials\":[\"R1\"],\"script_name\":\"post\",\"start_time\":\"09:30\",\"script_config\":{}}");

        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(json(answer).path("ids")).hasSize(1);
    }

    @Test
    void theIdempotencyKeyCoversTheCreateBodyAsSentSoOtherSpacingIsAnotherRequest() {
        String key = "bodies-" + UUID.randomUUID();
        String body = "{\"serials\":[\"R7\"],\"script_name\":\"post\",\"start_time\":\"09:30\",\"script_config\":{}}";

        HttpResponse<String> first = post("/sources/pc/tasks", "application/json", body, "Idempotency-Key", key);
        HttpResponse<String> same = post("/sources/pc/tasks", "application/json", body, "Idempotency-Key", key);
        HttpResponse<String> spaced = post("/sources/pc/tasks", "application/json", body.replace(",", ", "),
                "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(same.body()).isEqualTo(first.body());
        assertThat(spaced.statusCode()).isEqualTo(422);
    }

    private JsonNode problem(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(answer);
        assertThat(problem.path("type").asString()).isEqualTo("/problems/invalid-request");
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        return problem;
    }

    private static JsonNode json(HttpResponse<String> answer) {
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", KEY).header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
