package dev.taskgateway.changes;

import dev.taskgateway.core.TaskChange;
import dev.taskgateway.core.TaskChanges;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One webhook: a standing subscription to the change log, delivered in order by a thread of its
 * own, each change POSTed signed and retried with doubling backoff until a 2xx or
 * {@code max-attempts}. Its queue is the change log itself (bounded by the retention): a receiver
 * down for longer than that gets a {@code resync} POST instead of the lost changes. Reads never wait
 * on it. Outcomes count in {@code taskgateway.webhook.deliveries{webhook,outcome}}.
 */
final class WebhookDelivery implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration POLL = Duration.ofSeconds(30);

    private final String name;
    private final URI url;
    private final WebhookSigner signer;
    private final int maxAttempts;
    private final Duration backoff;
    private final TaskChanges changes;
    private final TaskChanges.Subscription subscription;
    private final HttpClient http;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    WebhookDelivery(String name, ChangesProperties.Webhook webhook, TaskChanges changes,
                    TaskChanges.Subscription subscription, HttpClient http, JsonMapper json, Clock clock,
                    MeterRegistry meters) {
        this.name = name;
        this.url = URI.create(webhook.getUrl().trim());
        this.signer = new WebhookSigner(webhook.getSecret());
        this.maxAttempts = webhook.getMaxAttempts();
        this.backoff = webhook.getBackoff();
        this.changes = changes;
        this.subscription = subscription;
        this.http = http;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        for (String outcome : new String[] {"delivered", "retried", "failed"}) {
            meters.counter("taskgateway.webhook.deliveries", "webhook", name, "outcome", outcome);
        }
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TaskChanges.Next next = subscription.next(POLL);
                if (next.ended()) {
                    return;
                }
                if (next.resync() != null) {
                    deliver("resync", subscription.position(),
                            Map.of("type", "resync", "id", subscription.position(), "reason", next.resync()));
                }
                for (TaskChange change : next.changes()) {
                    String id = changes.id(change.sequence());
                    deliver(change.type().name().toLowerCase(Locale.ROOT), id, ChangeEventBody.of(id, change));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
        }
    }

    private void deliver(String event, String id, Object body) throws InterruptedException {
        byte[] bytes = json.writeValueAsBytes(body);
        Duration wait = backoff;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                count("retried");
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("TaskGateway-Event", event)
                    .header("TaskGateway-Event-Id", id)
                    .header(WebhookSigner.HEADER, signer.sign(clock.instant().getEpochSecond(), bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    count("delivered");
                    return;
                }
                LOG.warn("webhook {} answered {} to event {} (attempt {}/{})", name, status, id, attempt, maxAttempts);
            } catch (IOException e) {
                LOG.warn("webhook {} unreachable for event {} (attempt {}/{}): {}", name, id, attempt, maxAttempts,
                        e.toString());
            }
        }
        count("failed");
    }

    private void count(String outcome) {
        meters.counter("taskgateway.webhook.deliveries", "webhook", name, "outcome", outcome).increment();
    }
}
