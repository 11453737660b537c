package dev.taskgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: one normalized /tasks API over several task platforms. */
@SpringBootApplication
public class TaskGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(TaskGatewayApplication.class, args);
    }
}
