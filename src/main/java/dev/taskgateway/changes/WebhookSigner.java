package dev.taskgateway.changes;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as Stripe does: {@code TaskGateway-Signature: t=<unix seconds>,v1=<hex>},
 * where v1 is HMAC-SHA256 over {@code <t>.<body>} with the webhook's secret. The timestamp inside
 * the signed text lets a receiver refuse replays older than it tolerates.
 */
final class WebhookSigner {

    static final String HEADER = "TaskGateway-Signature";

    private final SecretKeySpec key;

    WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The signature header value for {@code body} sent at {@code epochSeconds}. */
    String sign(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
