package dev.taskgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick of bench/run.sh: Spring Boot MVC on Tomcat with nothing added, answering
 * {@code GET /tasks} with the bytes the gateway gave for its cached {@code /tasks?size=20}
 * (the file named by {@code bench.body}), read once at start-up. What the gateway's cached list
 * costs beyond this is what the gateway itself adds.
 */
@SpringBootApplication
@RestController
public class BareApplication {

    private final byte[] body;

    BareApplication(org.springframework.core.env.Environment env) throws IOException {
        this.body = Files.readAllBytes(Path.of(env.getRequiredProperty("bench.body")));
    }

    @GetMapping("/tasks")
    ResponseEntity<byte[]> tasks() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareApplication.class, args);
    }
}
