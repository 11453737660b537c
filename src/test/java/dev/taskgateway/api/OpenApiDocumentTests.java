package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document: valid OpenAPI 3.1 to a real parser, and complete — every handler of
 * ours, the query parameters TaskQueryParser accepts, both key schemes, a documented problem for
 * what callers meet — and real problem answers fit its Problem schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTests {

    static final SimulatorServer PC = SimulatorServer.start("tm-docs", 0, Faults.NONE,
            new TikmatrixSimulator(10, 3, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));

    @DynamicPropertySource
    static void sources(DynamicPropertyRegistry registry) {
        registry.add("taskgateway.sources.pc.type", () -> "tikmatrix");
        registry.add("taskgateway.sources.pc.base-url", PC::baseUrl);
        registry.add("taskgateway.security.api-keys[0].name", () -> "reader");
        registry.add("taskgateway.security.api-keys[0].key", () -> "read-key-docs-openapi");
        registry.add("taskgateway.security.api-keys[0].roles", () -> "read");
    }

    @AfterAll
    static void stop() {
        PC.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    GatewayClient client;
    OpenAPI document;

    @BeforeEach
    void parse() {
        client = new GatewayClient(port, "read-key-docs-openapi");
        Answer answer = client.anonymous("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        assertThat(result.getMessages()).isEmpty();
        document = result.getOpenAPI();
    }

    @Test
    void documentIsOpenApi31WithBothKeySchemesRequiredEverywhere() {
        assertThat(document.getOpenapi()).startsWith("3.1");
        assertThat(document.getInfo().getTitle()).isEqualTo("Task Gateway");
        assertThat(document.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer", "apiKey");
        assertThat(document.getComponents().getSecuritySchemes().get("apiKey").getName()).isEqualTo("X-API-Key");
        assertThat(document.getSecurity()).extracting(r -> r.keySet()).containsExactly(Set.of("bearer"),
                Set.of("apiKey"));
    }

    @Test
    void everyHandlerOfOursIsDocumentedWithItsPathAndMethod() {
        List<String> handlers = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Class<?> type = entry.getValue().getBeanType();
            if (!type.getPackageName().startsWith("dev.taskgateway")
                    || !AnnotatedElementUtils.hasAnnotation(type, RestController.class)
                    || ErrorController.class.isAssignableFrom(type)) {
                continue;
            }
            for (String path : entry.getKey().getPatternValues()) {
                entry.getKey().getMethodsCondition().getMethods().forEach(m -> handlers.add(m + " " + path));
            }
        }
        List<String> documented = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method + " " + path)));

        assertThat(handlers).hasSizeGreaterThanOrEqualTo(9).allSatisfy(h -> assertThat(documented).contains(h));
    }

    @Test
    void listAndStatsDocumentExactlyTheQueryParametersTheParserAccepts() {
        assertThat(queryParameters(get("/tasks"))).isEqualTo(TaskQueryParser.LIST_PARAMS);
        assertThat(queryParameters(get("/tasks/stats"))).isEqualTo(TaskQueryParser.FILTER_PARAMS);
    }

    @Test
    void theChangeStreamIsDocumentedAsServerSentEventsWithTheListFiltersAndLastEventId() {
        Operation changes = get("/tasks/changes");

        assertThat(queryParameters(changes)).isEqualTo(TaskQueryParser.FILTER_PARAMS);
        assertThat(changes.getParameters()).anyMatch(p -> "header".equals(p.getIn())
                && "Last-Event-ID".equals(p.getName()));
        assertThat(changes.getResponses().get("200").getContent()).containsKey("text/event-stream");
        assertThat(changes.getDescription()).contains("resync").contains("Last-Event-ID");
    }

    @Test
    void everyOperationHasDescribedAnswersAndTheProblemsCallersMeet() {
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            assertThat(operation.getSummary()).as("%s %s", method, path).isNotBlank();
            assertThat(operation.getResponses()).as("%s %s", method, path).containsKeys("401", "403", "429", "500");
            assertThat(operation.getResponses().keySet()).as("%s %s", method, path)
                    .anyMatch(code -> code.startsWith("2"));
        }));
        assertThat(get("/tasks").getResponses()).containsKeys("200", "304", "400", "502", "503", "504");
        // The list is written as rendered bytes (RenderedLists): its schema is named, not inferred.
        assertThat(get("/tasks").getResponses().get("200").getContent().get("application/json").getSchema()
                .get$ref()).isEqualTo("#/components/schemas/TaskList");
        assertThat(get("/tasks/{id}").getResponses()).containsKeys("404");
        assertThat(document.getPaths().get("/tasks/{id}/{action}").getPost().getResponses())
                .containsKeys("404", "409", "422", "501");
        // Every problem response carries a schema and an example of its own type.
        document.getComponents().getResponses().forEach((name, response) -> {
            MediaType problem = response.getContent().get("application/problem+json");
            assertThat(problem.getSchema().get$ref()).as(name).isEqualTo("#/components/schemas/Problem");
            assertThat(problem.getExamples()).as(name).hasSize(1);
        });
    }

    @Test
    void taskSchemaHasTheOptionalScheduleAndRealTasksCarryOnlyItsMembers() {
        Map<String, Schema> schemas = document.getComponents().getSchemas();
        Set<String> members = schemas.get("Task").getProperties().keySet();
        assertThat(members).contains("startedAt", "finishedAt", "schedule");
        assertThat(schemas.get("TaskSchedule").getProperties()).containsOnlyKeys("start", "end");

        JsonNode items = client.get("/tasks?size=5").json().path("items");
        assertThat(items).isNotEmpty().allSatisfy(item -> {
            List<String> names = new ArrayList<>();
            item.propertyNames().forEach(names::add);
            assertThat(names).contains("schedule");
            assertThat(members).containsAll(names);
        });
    }

    @Test
    void realProblemAnswersCarryOnlyMembersOfTheProblemSchema() {
        Set<String> members = document.getComponents().getSchemas().get("Problem").getProperties().keySet();
        for (Answer answer : List.of(client.get("/tasks?size=0&bogus=1"), client.anonymous("/tasks"),
                client.get("/tasks/pc:999999"))) {
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            List<String> names = new ArrayList<>();
            answer.json().propertyNames().forEach(names::add);
            assertThat(members).as(answer.body()).containsAll(names);
        }
        JsonNode invalid = client.get("/tasks?size=0").json();
        assertThat(invalid.path("errors").get(0).path("field").asString()).isEqualTo("size");
    }

    @Test
    void swaggerUiOpensWithoutAKey() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/swagger-ui.html")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(client.anonymous("/v3/api-docs/swagger-config").status()).isEqualTo(200);
    }

    private Operation get(String path) {
        PathItem item = document.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        return item.getGet();
    }

    private static Set<String> queryParameters(Operation operation) {
        return operation.getParameters().stream().filter(p -> "query".equals(p.getIn())).map(Parameter::getName)
                .collect(Collectors.toSet());
    }
}
