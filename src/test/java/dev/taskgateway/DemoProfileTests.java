package dev.taskgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.GatewayClient.Answer;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.testing.LoopbackPorts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The default start ({@code ./mvnw spring-boot:run}): the demo profile with every simulator, one
 * merged list covering every unified status, and a banner that says where to curl.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoProfileTests {

    @Test
    void defaultStartServesTheDemoDataOfEverySimulatorWithTheDemoKey(CapturedOutput output) {
        try (ConfigurableApplicationContext context = TaskGatewayApplication.application().run(demoArguments())) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("demo");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            GatewayClient client = new GatewayClient(port, "demo");

            Set<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
            Set<String> sources = new HashSet<>();
            int tasks = 0;
            String next = null;
            do {
                Answer answer = client.get("/tasks?size=200" + (next == null ? "" : "&cursor=" + next));
                assertThat(answer.status()).isEqualTo(200);
                JsonNode body = answer.json();
                body.path("sources").forEach(s -> assertThat(s.path("state").asString())
                        .as("source %s", s.path("id").asString()).isEqualTo("OK"));
                assertThat(body.path("complete").asBoolean()).isTrue();
                for (JsonNode item : body.path("items")) {
                    statuses.add(TaskStatus.valueOf(item.path("status").asString()));
                    sources.add(item.path("source").asString());
                    tasks++;
                }
                next = body.path("page").path("next").isNull() ? null : body.path("page").path("next").asString();
            } while (next != null);

            assertThat(statuses).containsExactlyInAnyOrder(TaskStatus.values());
            assertThat(sources).contains("tikmatrix-pc1", "llcall", "nxlink-hk", "nxlink-us", "newapi");
            assertThat(tasks).isGreaterThanOrEqualTo(1800); // about 2,000: new-api's self scope shows its user's share
            assertThat(output.getOut()).contains("Demo API key: demo")
                    .contains("Console: http://localhost:" + port + "/console/")
                    .contains("curl -s -H 'X-API-Key: demo' 'http://localhost:" + port + "/tasks?size=5'");
        }
    }

    /** Free ports for the simulators: the demo sources find them through the same properties. */
    private static String[] demoArguments() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        for (String simulator : Arrays.asList("longlonglong", "nxlink", "new-api", "tikmatrix")) {
            arguments.add("--taskgateway.demo.ports." + simulator + "=" + LoopbackPorts.unused());
        }
        return arguments.toArray(String[]::new);
    }
}
