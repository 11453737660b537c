package dev.taskgateway;

import dev.taskgateway.demo.SimulatorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Profile;

/**
 * Entry point: one normalized /tasks API over several task platforms. Under the {@code simulator}
 * profile this class (with its component scan and auto-configuration) is skipped and
 * {@link SimulatorApplication} runs the provider simulators alone.
 */
@SpringBootApplication
@Profile("!simulator")
public class TaskGatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** The gateway and the simulator-only application; each source is active under its own profiles only. */
    static SpringApplication application() {
        return new SpringApplication(TaskGatewayApplication.class, SimulatorApplication.class);
    }
}
