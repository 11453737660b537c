package dev.taskgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient;
import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code logging.structured.format.console=ecs}, as docs/operations.md tells operators to run it:
 * the gateway (in a JVM of its own, see {@link GatewayProcess}) writes one JSON object per line,
 * an action's audit record is one of them with its fields as fields, and lines written while
 * serving a request carry its request id and trace id.
 */
class StructuredLoggingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String OPS_KEY = "ops-key-structured-01";

    @TempDir
    Path dir;

    @Test
    void ecsConsoleLogsAreJsonLinesAndTheAuditRecordCarriesItsFieldsTheRequestIdAndTheTraceId() throws Exception {
        try (SimulatorServer pc = SimulatorServer.start("tm-logs", 0, Faults.NONE,
                new TikmatrixSimulator(30, 7, ZoneId.of("UTC"), LocalDateTime.of(2026, 3, 1, 12, 0)));
             GatewayProcess gateway = GatewayProcess.start(dir.resolve("stderr.txt"), List.of(
                     "--spring.profiles.active=test",
                     "--logging.structured.format.console=ecs",
                     "--server.port=0",
                     "--taskgateway.sources.pc.type=tikmatrix",
                     "--taskgateway.sources.pc.timezone=UTC",
                     "--taskgateway.sources.pc.base-url=" + pc.baseUrl(),
                     "--taskgateway.security.api-keys[0].name=ops",
                     "--taskgateway.security.api-keys[0].key=" + OPS_KEY,
                     "--taskgateway.security.api-keys[0].roles=read,operate"))) {
            String started = gateway.await(line -> PORT.matcher(line).find(), 180, "the started line");
            Matcher port = PORT.matcher(started);
            assertThat(port.find()).isTrue();
            GatewayClient ops = new GatewayClient(Integer.parseInt(port.group(1)), OPS_KEY);
            String id = ops.get("/tasks?size=1&status=RUNNING").json().path("items").get(0).path("id").asString();

            Answer stop = ops.post("/tasks/" + id + "/stop", "", "X-Request-Id", "structured-audit-1");

            assertThat(stop.status()).isEqualTo(200);
            String line = gateway.await(l -> l.contains("structured-audit-1") && l.contains("taskgateway.audit"), 30,
                    "the audit record");
            JsonNode audit = JSON.readTree(line);
            assertThat(audit.path("log").path("level").asString()).as(line).isEqualTo("INFO");
            assertThat(audit.path("log").path("logger").asString()).isEqualTo("taskgateway.audit");
            assertThat(audit.path("audit").path("key").asString()).isEqualTo("ops");
            assertThat(audit.path("audit").path("action").asString()).isEqualTo("stop");
            assertThat(audit.path("audit").path("tasks").get(0).asString()).isEqualTo(id);
            assertThat(audit.path("audit").path("outcome").asString()).isEqualTo("DONE");
            assertThat(audit.path("requestId").asString()).isEqualTo("structured-audit-1");
            assertThat(audit.path("traceId").asString()).matches("[0-9a-f]{32}");
            assertThat(audit.path("spanId").asString()).matches("[0-9a-f]{16}");
            assertThat(audit.path("message").asString()).startsWith("audit {\"key\":\"ops\"");
            List<String> notJson = new ArrayList<>();
            for (String logged : gateway.lines()) {
                try {
                    assertThat(JSON.readTree(logged).path("@timestamp").isString()).as(logged).isTrue();
                } catch (RuntimeException e) {
                    notJson.add(logged);
                }
            }
            assertThat(notJson).as("lines that are not ECS JSON").isEmpty();
        }
    }
}
