package dev.taskgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second yardstick of bench/run.sh: {@code bench/bare-app}'s one endpoint on the gateway's
 * decided stack (DESIGN §2) with the gateway's settings for it ({@code application.yml} beside
 * this class: probes, Prometheus, tracing of every request, Redis auto-configuration off as the
 * gateway's default memory store has it). It answers {@code GET /tasks} with the file named by
 * {@code bench.body}, anyone may call it (the gateway checks an API key; here Spring Security's
 * chain runs and admits everything), and does nothing else: what the gateway's resident memory is
 * beyond this app's is the gateway's own, what this app's is beyond the bare app's is the stack's.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration"})
@RestController
public class StackApplication {

    private final byte[] body;

    StackApplication(Environment env) throws IOException {
        this.body = Files.readAllBytes(Path.of(env.getRequiredProperty("bench.body")));
    }

    @GetMapping("/tasks")
    ResponseEntity<byte[]> tasks() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @Bean
    SecurityFilterChain everyoneMayRead(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    public static void main(String[] args) {
        SpringApplication.run(StackApplication.class, args);
    }
}
