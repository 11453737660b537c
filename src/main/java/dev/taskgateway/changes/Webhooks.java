package dev.taskgateway.changes;

import dev.taskgateway.api.InvalidRequestException;
import dev.taskgateway.api.TaskQueryParser;
import dev.taskgateway.core.TaskChanges;
import dev.taskgateway.core.TaskFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured webhooks ({@code taskgateway.webhooks[]}), checked at start-up (a bad URL, secret
 * or filter stops the gateway naming its key) and delivered from start to stop, each on a thread
 * of its own. Each is a standing subscriber: its sources are watched while the gateway runs.
 */
final class Webhooks implements SmartLifecycle {

    private final List<ChangesProperties.Webhook> webhooks;
    private final List<TaskFilter> filters = new ArrayList<>();
    private final TaskChanges changes;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private ExecutorService executor;

    Webhooks(List<ChangesProperties.Webhook> webhooks, TaskQueryParser parser, TaskChanges changes, JsonMapper json,
             Clock clock, MeterRegistry meters) {
        this.webhooks = List.copyOf(webhooks);
        this.changes = changes;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        for (int i = 0; i < this.webhooks.size(); i++) {
            filters.add(check("taskgateway.webhooks[" + i + "]", this.webhooks.get(i), parser));
        }
    }

    private static TaskFilter check(String key, ChangesProperties.Webhook webhook, TaskQueryParser parser) {
        String url = webhook.getUrl() == null ? "" : webhook.getUrl().trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL with a host and no user info");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigurationPropertyValueException(key + ".url", url,
                    "must be an absolute http or https URL with a host (and no credentials in it)");
        }
        if (webhook.getSecret() == null || webhook.getSecret().trim().length() < 16) {
            throw new InvalidConfigurationPropertyValueException(key + ".secret", "(hidden)",
                    "is required: 16+ characters shared with the receiver, which checks the signature with it");
        }
        if (webhook.getMaxAttempts() < 1) {
            throw new InvalidConfigurationPropertyValueException(key + ".max-attempts", webhook.getMaxAttempts(),
                    "must be at least 1");
        }
        if (webhook.getBackoff() == null || webhook.getBackoff().isNegative() || webhook.getBackoff().isZero()) {
            throw new InvalidConfigurationPropertyValueException(key + ".backoff", webhook.getBackoff(),
                    "must be more than zero");
        }
        if (webhook.getFilters().isEmpty()) {
            return TaskFilter.NONE;
        }
        Map<String, String[]> params = new LinkedHashMap<>();
        webhook.getFilters().forEach((name, value) -> params.put(name, new String[] {value}));
        try {
            return parser.stats(params);
        } catch (InvalidRequestException e) {
            throw new InvalidConfigurationPropertyValueException(key + ".filters", webhook.getFilters(),
                    e.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "webhook");
            thread.setDaemon(true);
            return thread;
        });
        if (webhooks.isEmpty()) {
            return;
        }
        // Made only when there is something to deliver: a JDK HttpClient brings its selector thread,
        // TLS context and ~100 classes into every gateway, webhooks or not (issue 16, memory).
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        for (int i = 0; i < webhooks.size(); i++) {
            TaskChanges.Subscription subscription = changes.subscribe(filters.get(i), null);
            executor.execute(new WebhookDelivery(String.valueOf(i), webhooks.get(i), changes, subscription, http,
                    json, clock, meters));
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
