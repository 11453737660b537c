package dev.taskgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.taskgateway.TaskGatewayApplication;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Start-up: without the demo profile no keys, short keys or no cursor secret are refused naming the
 * key; the demo says its key once and warns when it listens beyond loopback; no start logs a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

    private static final List<String> SECRETS = List.of("SECRET-startup-ops-key-0c9d", "SECRET-startup-cursor-5e6f7a",
            "SECRET-startup-access-secret-8b2c");
    /** The demo profile's own provider credentials (application-demo.yml): demo only, but secrets all the same. */
    private static final List<String> DEMO_SECRETS = List.of("demo-only-hk-secret", "demo-only-us-secret",
            "demo-newapi-user-token", "demo-llcall-token");

    @Test
    void aStartWithoutTheDemoProfileAndWithoutKeysFailsSayingHowToAddOne(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> gateway("production").run().close());

        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages).contains("No API keys are configured").contains("taskgateway.security.api-keys[0].name=")
                .contains("taskgateway.security.api-keys[0].key=${OPS_KEY}").contains("key-sha256")
                .contains("demo profile").contains("[production]");
        assertThat(output.getAll()).doesNotContain("generated security password");
    }

    @Test
    void theDemoLogsItsKeyOnceAndNoStartLogsASecretOrAGeneratedPassword(CapturedOutput output) {
        try (ConfigurableApplicationContext demo = gateway("demo").properties(
                "taskgateway.security.api-keys[1].name=ops", "taskgateway.security.api-keys[1].key=" + SECRETS.get(0),
                "taskgateway.security.api-keys[1].roles=read,operate",
                "taskgateway.cursor-secret=" + SECRETS.get(1),
                "taskgateway.sources.tikmatrix-pc1.access-secret=" + SECRETS.get(2)).run()) {
            assertThat(demo.isRunning()).isTrue();
        }

        String log = output.getAll();
        assertThat(log.split("Demo API key: demo", -1)).hasSize(2);
        assertThat(log).contains("DEMO PROFILE LISTENING BEYOND LOOPBACK (all interfaces:");
        assertThat(log).doesNotContain("generated security password");
        SECRETS.forEach(secret -> assertThat(log).doesNotContain(secret));
        DEMO_SECRETS.forEach(secret -> assertThat(log).doesNotContain(secret));
    }

    @Test
    void aStartWithoutTheDemoProfileAndWithoutACursorSecretFailsNamingTheKey() {
        Throwable failure = catchThrowable(() -> gateway("production").properties(
                "taskgateway.security.api-keys[0].name=ops", "taskgateway.security.api-keys[0].key=" + SECRETS.get(0),
                "taskgateway.security.api-keys[0].roles=read")
                // an argument: it outranks the secret every test gets from config/application.yml
                .run("--taskgateway.cursor-secret=").close());

        assertThat(messages(failure)).contains("taskgateway.cursor-secret").contains("required outside the demo")
                .doesNotContain(SECRETS.get(0));
    }

    @Test
    void aStartWithoutTheDemoProfileRefusesAKeyShorterThanSixteenCharacters() {
        Throwable failure = catchThrowable(() -> gateway("production").properties(
                "taskgateway.security.api-keys[0].name=ops", "taskgateway.security.api-keys[0].key=ops-key-123",
                "taskgateway.security.api-keys[0].roles=read").run().close());

        assertThat(messages(failure)).contains("taskgateway.security.api-keys[0].key").contains("at least 16")
                .doesNotContain("ops-key-123");
    }

    @Test
    void onlyALoopbackAddressKeepsTheDemoFromWarningThatItIsReachable() {
        assertThat(DemoExposureWarning.beyondLoopback(null)).isTrue();
        assertThat(DemoExposureWarning.beyondLoopback("0.0.0.0")).isTrue();
        assertThat(DemoExposureWarning.beyondLoopback("::")).isTrue();
        assertThat(DemoExposureWarning.beyondLoopback("192.0.2.10")).isTrue();
        assertThat(DemoExposureWarning.beyondLoopback("127.0.0.1")).isFalse();
        assertThat(DemoExposureWarning.beyondLoopback("::1")).isFalse();
    }

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static SpringApplicationBuilder gateway(String profile) {
        return new SpringApplicationBuilder(TaskGatewayApplication.class).profiles(profile)
                .properties("server.port=0", "taskgateway.demo.ports.tikmatrix=0", "taskgateway.demo.ports.nxlink=0",
                        "taskgateway.demo.ports.new-api=0", "taskgateway.demo.ports.longlonglong=0",
                        "taskgateway.demo.tasks-per-provider=20");
    }
}
