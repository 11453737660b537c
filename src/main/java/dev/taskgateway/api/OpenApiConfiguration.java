package dev.taskgateway.api;

import dev.taskgateway.http.RequestIds;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): what the
 * gateway is, the two ways to send an API key, and every problem answer as a reusable response
 * with an example. Controllers name the problems particular to an operation
 * ({@code @ApiResponse(ref = ...)}); the answers every operation can give (401, 403, 429, 500, and
 * 304 for a GET), and the request headers they share, are added to all of them here.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String INVALID_REQUEST = "#/components/responses/InvalidRequest";
    static final String TASK_NOT_FOUND = "#/components/responses/TaskNotFound";
    static final String ACTION_CONFLICT = "#/components/responses/ActionConflict";
    static final String IDEMPOTENCY_KEY_REUSED = "#/components/responses/IdempotencyKeyReused";
    static final String ACTION_NOT_SUPPORTED = "#/components/responses/ActionNotSupported";
    static final String UPSTREAM_502 = "#/components/responses/UpstreamFailure502";
    static final String UPSTREAM_503 = "#/components/responses/UpstreamFailure503";
    static final String UPSTREAM_504 = "#/components/responses/UpstreamFailure504";

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String SAMPLE_REQUEST_ID = "45ad61d9-3db2-4d39-9009-4298dbf17da9";
    /** Answers any operation can give, by status: a key is always needed, and a bug is always possible. */
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "401", "#/components/responses/Unauthorized",
            "403", "#/components/responses/Forbidden",
            "413", "#/components/responses/ContentTooLarge",
            "414", "#/components/responses/UriTooLong",
            "429", "#/components/responses/RateLimited",
            "500", "#/components/responses/InternalError");

    @Bean
    OpenAPI taskGatewayOpenApi() {
        String version = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info().title("Task Gateway")
                        .version(version == null ? "development" : version)
                        .summary("One normalized, correctly paged /tasks API over Longlonglong, NXLink, new-api and "
                                + "TikMatrix.")
                        .description("""
                                Every configured source is asked in parallel; tasks come back in one model and one \
                                order (createdAt, then id, descending) with a report of what each source did \
                                (`sources[]`). A source that fails never fails the request: it is reported and \
                                `complete` turns false. Errors are `application/problem+json` (see the responses \
                                below and docs/problems.md). Every answer carries `X-Request-Id`.

                                Send an API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Roles: \
                                `read` for the GET endpoints, `operate` for actions. The demo profile's key is \
                                `demo`.

                                The ops console, a page over this API for people: [/console/](/console/)."""))
                .servers(List.of(new Server().url("/").description("this gateway")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("API key")
                                .description("`Authorization: Bearer <API key>`"))
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("`X-API-Key: <API key>`, the same keys as bearer"))
                        .addHeaders(RequestIds.HEADER, new Header().schema(string())
                                .description("the request's id: the caller's X-Request-Id when it is 1-128 of "
                                        + "[A-Za-z0-9._:-], else a new UUID; also sent upstream"))
                        .addParameters(RequestIds.HEADER, new Parameter().in("header").name(RequestIds.HEADER).schema(string())
                                .description("an id to trace this request by (1-128 of [A-Za-z0-9._:-]); echoed")
                                .example("trace-abc.1"))
                        .addParameters("If-None-Match", new Parameter().in("header").name("If-None-Match")
                                .schema(string()).description("an ETag of an earlier answer; 304 when unchanged"))
                        .addParameters("Cache-Control", new Parameter().in("header").name("Cache-Control")
                                .schema(string()).example("no-cache")
                                .description("no-cache skips fresh cached pages and asks the providers again"))
                        .responses(problemResponses()))
                // Either scheme will do: two requirement objects are alternatives.
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }

    /** Adds the answers and headers every operation shares, and the schema of problems. */
    @Bean
    OpenApiCustomizer sharedAnswers() {
        return openApi -> {
            ModelConverters.getInstance(true).readAll(new AnnotatedType(ProblemBody.class))
                    .forEach((name, schema) -> openApi.getComponents().getSchemas().putIfAbsent(name, schema));
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                ApiResponses responses = operation.getResponses();
                EVERY_OPERATION.forEach((code, ref) -> responses.putIfAbsent(code, new ApiResponse().$ref(ref)));
                if (method == PathItem.HttpMethod.GET) {
                    responses.putIfAbsent("304", new ApiResponse()
                            .description("Not Modified: If-None-Match matched this answer's ETag"));
                    operation.addParametersItem(new Parameter().$ref("#/components/parameters/If-None-Match"));
                    if (path.startsWith("/tasks")) {
                        operation.addParametersItem(new Parameter().$ref("#/components/parameters/Cache-Control"));
                    }
                }
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + RequestIds.HEADER));
                responses.values().stream().filter(r -> r.get$ref() == null).forEach(r -> r.addHeaderObject(RequestIds.HEADER,
                        new Header().$ref("#/components/headers/" + RequestIds.HEADER)));
                ApiResponses sorted = new ApiResponses();
                new TreeMap<>(responses).forEach(sorted::addApiResponse);
                operation.setResponses(sorted);
            }));
        };
    }

    private static Map<String, ApiResponse> problemResponses() {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        responses.put("InvalidRequest", problem("A parameter, header, body field, task id or cursor is invalid; "
                + "errors[] names each one",
                example("invalid-request", "Invalid request", 400, "2 parameters are invalid; see errors", "/tasks",
                        Map.of("errors", List.of(
                                Map.of("field", "size", "message", "must be a whole number from 1 to 200"),
                                Map.of("field", "status", "message", "unknown status 'DONE'; one of [PENDING, "
                                        + "RUNNING, PAUSED, STOPPED, SUCCEEDED, FAILED, UNKNOWN]"))))));
        responses.put("Unauthorized", problem("No API key, or an unknown one",
                example("unauthorized", "Unauthorized", 401,
                        "send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'", "/tasks", Map.of()))
                .addHeaderObject("WWW-Authenticate", new Header().schema(string())
                        .description("Bearer realm=\"task-gateway\"")));
        responses.put("Forbidden", problem("The API key lacks the role this endpoint needs (read, operate, admin)",
                example("forbidden", "Forbidden", 403, "this API key lacks the role this endpoint needs",
                        "/tasks/tikmatrix-pc1:12/stop", Map.of())));
        responses.put("TaskNotFound", problem("The source answered and has no such task",
                example("task-not-found", "Task not found", 404, "source tikmatrix-pc1 has no task 999999",
                        "/tasks/tikmatrix-pc1:999999", Map.of())));
        responses.put("ActionConflict", problem("The task's state forbids the action now (its actions[] does not "
                        + "list it; type action-conflict), or the first request with this Idempotency-Key is still "
                        + "in progress (type idempotency-key-in-progress; ask again after Retry-After seconds)",
                example("action-conflict", "Task state forbids the action", 409,
                        "task tikmatrix-pc1:12 is SUCCEEDED; it accepts now: delete", "/tasks/tikmatrix-pc1:12/stop",
                        Map.of()))
                .addHeaderObject("Retry-After", new Header().schema(integer())
                        .description("seconds to wait, when the first request with this key is in progress")));
        responses.put("IdempotencyKeyReused", problem("The Idempotency-Key was used with a different request "
                        + "within 24 h",
                example("idempotency-key-reused", "Idempotency-Key reused", 422,
                        "this Idempotency-Key was used with a different request in the last 24 hours",
                        "/tasks/tikmatrix-pc1:12/retry", Map.of())));
        responses.put("RateLimited", problem("This API key sent too many requests; wait Retry-After seconds",
                example("rate-limited", "Too many requests", 429,
                        "API key 'dashboard' may send …; retry after 2 s", "/tasks", Map.of()))
                .addHeaderObject("Retry-After", new Header().schema(integer()).description("seconds to wait")));
        responses.put("ContentTooLarge", problem("The request body is over taskgateway.security.limits.max-body-size "
                        + "(64 KiB by default)",
                example("http-413", "Content Too Large", 413, "the request body is over 65536 bytes",
                        "/tasks:batchDelete", Map.of())));
        responses.put("UriTooLong", problem("The query string is over taskgateway.security.limits.max-query-length "
                        + "(4096 characters by default)",
                example("http-414", "URI Too Long", 414, "the query string is over 4096 characters", "/tasks",
                        Map.of())));
        responses.put("InternalError", problem("A gateway bug; never caused by input. Quote the requestId",
                example("internal-error", "Internal error", 500,
                        "the gateway failed; quote the requestId when you report it", "/tasks", Map.of())));
        responses.put("ActionNotSupported", problem("The provider has no such action; detail names what it "
                        + "supports",
                example("action-not-supported", "Action not supported", 501,
                        "nxlink does not support 'pause'; it supports: no actions",
                        "/tasks/nxlink-hk:52145b00-abc9-4a87-94c2-ed1e1e42ec1c/pause", Map.of())));
        responses.put("UpstreamFailure502", upstream(502, "No selected source answered (not all timed out, not all "
                + "circuit-open or rate-limited)", "ERROR", "UPSTREAM_UNAVAILABLE",
                "could not reach the provider (IOException)"));
        responses.put("UpstreamFailure503", upstream(503, "Every selected source was circuit-open or rate-limited",
                "CIRCUIT_OPEN", "CIRCUIT_OPEN", "circuit open after repeated failures; retry in 30 s")
                .addHeaderObject("Retry-After", new Header().schema(integer())
                        .description("seconds, when a source said how long to wait")));
        responses.put("UpstreamFailure504", upstream(504, "Every selected source timed out", "TIMEOUT",
                "UPSTREAM_TIMEOUT", "no answer within the request deadline of 8000 ms"));
        return responses;
    }

    private static ApiResponse upstream(int status, String description, String state, String code, String message) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", "tikmatrix-pc1");
        source.put("provider", "tikmatrix");
        source.put("state", state);
        source.put("error", Map.of("code", code, "message", message));
        return problem(description + "; sources[] says what each did", example("upstream-failure",
                "No source answered", status, "none of the selected sources answered; see sources", "/tasks",
                Map.of("sources", List.of(source))));
    }

    private static ApiResponse problem(String description, Map<String, Object> example) {
        String slug = String.valueOf(example.get("type")).substring("/problems/".length());
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))
                        .addExamples(slug, new Example().value(example))));
    }

    private static Map<String, Object> example(String slug, String title, int status, String detail, String instance,
                                               Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("requestId", SAMPLE_REQUEST_ID);
        body.putAll(extra);
        return body;
    }

    private static Schema<?> string() {
        return new JsonSchema().types(Set.of("string"));
    }

    private static Schema<?> integer() {
        return new JsonSchema().types(Set.of("integer"));
    }
}
