package dev.taskgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.demo.SimulatorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RestController;

/** {@code --spring.profiles.active=simulator} runs the simulators of the real main class and nothing of the gateway. */
class SimulatorProfileTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void simulatorProfileStartsEverySimulatorAndNoGateway() throws Exception {
        try (ConfigurableApplicationContext context = TaskGatewayApplication.application().run(
                "--spring.profiles.active=simulator", "--taskgateway.demo.tasks-per-provider=20",
                "--taskgateway.demo.ports.longlonglong=0", "--taskgateway.demo.ports.nxlink=0",
                "--taskgateway.demo.ports.new-api=0", "--taskgateway.demo.ports.tikmatrix=0")) {

            Collection<SimulatorServer> simulators = context.getBeansOfType(SimulatorServer.class).values();
            assertThat(simulators).extracting(SimulatorServer::name)
                    .contains("longlonglong", "nxlink", "new-api", "tikmatrix");
            for (SimulatorServer simulator : simulators) {
                HttpResponse<String> faults = get(simulator.baseUrl() + "/__sim/faults");
                assertThat(faults.statusCode()).as(simulator.name()).isEqualTo(200);
                assertThat(faults.body()).contains("\"errorRate\"");
            }

            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeansWithAnnotation(RestController.class)).isEmpty();
            assertThat(context.getBeanDefinitionNames()).noneMatch(name -> {
                Class<?> type = context.getType(name);
                return type != null
                        && type.getPackageName().matches("dev\\.taskgateway\\.(api|core|providers|security).*");
            });
            // No web server holds the JVM up, so Spring Boot's keep-alive thread must.
            assertThat(Thread.getAllStackTraces().keySet())
                    .anyMatch(thread -> !thread.isDaemon() && thread.getName().contains("keep-alive"));
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
