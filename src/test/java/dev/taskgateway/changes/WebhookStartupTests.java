package dev.taskgateway.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.taskgateway.TaskGatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A gateway with a bad webhook does not start, and says which key is wrong without echoing the secret. */
class WebhookStartupTests {

    private static final String SECRET = "startup-webhook-secret-0001";

    @Test
    void aWebhookWithABadFilterStopsStartNamingTheKeyAndTheFilter() {
        Throwable failure = catchThrowable(() -> gateway("taskgateway.webhooks[0].url=https://hooks.example.com/t",
                "taskgateway.webhooks[0].secret=" + SECRET, "taskgateway.webhooks[0].filters.status=SOMETIMES")
                .run().close());

        assertThat(messages(failure)).contains("taskgateway.webhooks[0].filters").contains("SOMETIMES")
                .doesNotContain(SECRET);
    }

    @Test
    void aWebhookWithANonHttpUrlStopsStartNamingTheKey() {
        Throwable failure = catchThrowable(() -> gateway("taskgateway.webhooks[0].url=file:///etc/passwd",
                "taskgateway.webhooks[0].secret=" + SECRET).run().close());

        assertThat(messages(failure)).contains("taskgateway.webhooks[0].url").doesNotContain(SECRET);
    }

    private static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static SpringApplicationBuilder gateway(String... webhook) {
        return new SpringApplicationBuilder(TaskGatewayApplication.class).profiles("production")
                .properties("server.port=0", "taskgateway.security.api-keys[0].name=ops",
                        "taskgateway.security.api-keys[0].key=ops-key-0123456789",
                        "taskgateway.security.api-keys[0].roles=read")
                .properties(webhook);
    }
}
