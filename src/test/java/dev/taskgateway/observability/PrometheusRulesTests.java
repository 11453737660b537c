package dev.taskgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.DebianTools;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules in {@code ops/prometheus/} pass {@code promtool check rules} and their unit tests
 * ({@code promtool test rules}), and those unit tests can fail. promtool is required: without it
 * this test fails, saying how to install it (.ci/run installs it when missing).
 */
class PrometheusRulesTests {

    private static final Path RULES = Path.of("ops/prometheus/alerts.yml");
    private static final Path RULE_TESTS = Path.of("ops/prometheus/alerts-test.yml");

    @TempDir
    Path dir;

    @Test
    void theAlertRulesAreValid() throws Exception {
        Run run = promtool("check", "rules", RULES.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void theAlertRulesPassTheirUnitTests() throws Exception {
        Run run = promtool("test", "rules", RULE_TESTS.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theUnitTestsCatchASourceDownAlertThatFiresTooLate() throws Exception {
        String rules = Files.readString(RULES);
        String late = rules.replaceFirst("(?s)(alert: TaskGatewaySourceDown.*?for: )5m", "$130m");
        assertThat(late).isNotEqualTo(rules);
        Files.writeString(dir.resolve("alerts.yml"), late);
        Files.copy(RULE_TESTS, dir.resolve("alerts-test.yml"));

        Run run = promtool("test", "rules", dir.resolve("alerts-test.yml").toString());

        assertThat(run.exit()).as(run.output()).isNotZero();
        assertThat(run.output()).contains("TaskGatewaySourceDown");
    }

    private record Run(int exit, String output) {
    }

    private Run promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "promtool", ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended within 60 s").isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** promtool on the PATH, installed when missing and root; fails (never skips) when it cannot be had. */
    private static String executable() {
        return DebianTools.require("promtool");
    }
}
