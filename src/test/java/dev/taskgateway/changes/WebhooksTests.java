package dev.taskgateway.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Start-up checks of {@code taskgateway.webhooks[]} and the signature receivers verify. */
class WebhooksTests {

    private static final String SECRET = "a-webhook-secret-of-some-length";

    @ParameterizedTest
    @ValueSource(strings = {"", "not a url", "ftp://example.com/hook", "/relative/hook", "http:///nohost",
            "https://user:pass@example.com/hook"})
    void aBadUrlStopsStartNamingItsKey(String url) {
        assertThatThrownBy(() -> webhooks(webhook(url, SECRET)))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("taskgateway.webhooks[1].url")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void aMissingOrShortSecretStopsStartWithoutEchoingIt() {
        assertThatThrownBy(() -> webhooks(webhook("https://example.com/hook", "short-secret")))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("taskgateway.webhooks[1].secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret"));
        assertThatThrownBy(() -> webhooks(webhook("https://example.com/hook", null)))
                .hasMessageContaining("taskgateway.webhooks[1].secret");
    }

    @Test
    void badRetrySettingsStopStartNamingTheirKey() {
        ChangesProperties.Webhook attempts = webhook("https://example.com/hook", SECRET);
        attempts.setMaxAttempts(0);
        ChangesProperties.Webhook backoff = webhook("https://example.com/hook", SECRET);
        backoff.setBackoff(Duration.ZERO);

        assertThatThrownBy(() -> webhooks(attempts)).hasMessageContaining("taskgateway.webhooks[1].max-attempts");
        assertThatThrownBy(() -> webhooks(backoff)).hasMessageContaining("taskgateway.webhooks[1].backoff");
    }

    @Test
    void theSignatureIsHmacSha256OfTimestampDotBodyInStripesHeaderForm() throws Exception {
        byte[] body = "{\"type\":\"changed\"}".getBytes(StandardCharsets.UTF_8);

        String header = new WebhookSigner(SECRET).sign(1_767_225_600L, body);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(
                ("1767225600." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookReceiver.parts(header)).isEqualTo(Map.of("t", "1767225600", "v1", expected));
        assertThat(new WebhookSigner(SECRET).sign(1_767_225_601L, body)).isNotEqualTo(header);
    }

    /** The second of two webhooks is bad (the first is fine), so the key named must be its own. */
    private static void webhooks(ChangesProperties.Webhook bad) {
        new Webhooks(List.of(webhook("https://example.com/ok", SECRET), bad), null, null, null, null, null);
    }

    private static ChangesProperties.Webhook webhook(String url, String secret) {
        ChangesProperties.Webhook webhook = new ChangesProperties.Webhook();
        webhook.setUrl(url);
        webhook.setSecret(secret);
        return webhook;
    }
}
