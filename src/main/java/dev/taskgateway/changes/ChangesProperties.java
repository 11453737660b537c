package dev.taskgateway.changes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code taskgateway.changes.*} and {@code taskgateway.webhooks[]}: the change stream and who else receives it. */
@ConfigurationProperties(prefix = "taskgateway")
public class ChangesProperties {

    /** The change stream ({@code GET /tasks/changes}). */
    private final Changes changes = new Changes();

    /** Receivers of every change as a signed POST; none by default. */
    private List<Webhook> webhooks = new ArrayList<>();

    public Changes getChanges() {
        return changes;
    }

    public List<Webhook> getWebhooks() {
        return webhooks;
    }

    public void setWebhooks(List<Webhook> webhooks) {
        this.webhooks = webhooks;
    }

    /** Detection and streaming settings. */
    public static class Changes {
        /** Changes kept for Last-Event-ID resumption, all sources together (about 2 KB each). */
        private int retention = 1000;
        /** How often watched sources are looked at; the provider is asked only once a read is past its fresh TTL. */
        private Duration tick = Duration.ofSeconds(1);
        /** SSE comment sent on an idle stream so proxies keep it open. */
        private Duration heartbeat = Duration.ofSeconds(15);
        /** How long a source stays watched after its last subscriber left, so a reconnect can resume. */
        private Duration linger = Duration.ofSeconds(60);
        /** Open streams at most; more get a 503. */
        private int maxStreams = 500;

        public int getRetention() {
            return retention;
        }

        public void setRetention(int retention) {
            this.retention = retention;
        }

        public Duration getTick() {
            return tick;
        }

        public void setTick(Duration tick) {
            this.tick = tick;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getLinger() {
            return linger;
        }

        public void setLinger(Duration linger) {
            this.linger = linger;
        }

        public int getMaxStreams() {
            return maxStreams;
        }

        public void setMaxStreams(int maxStreams) {
            this.maxStreams = maxStreams;
        }
    }

    /** One webhook receiver. */
    public static class Webhook {
        /** Where changes are POSTed: an absolute http(s) URL. */
        private String url;
        /** Signs each body (HMAC-SHA256); 16+ characters, shared with the receiver. */
        private String secret;
        /** The same filters as {@code /tasks} (source, provider, status, q, createdFrom, ...); none: every change. */
        private Map<String, String> filters = new LinkedHashMap<>();
        /** Attempts per change before it is dropped (counted as failed). */
        private int maxAttempts = 6;
        /** Wait before the first retry, doubled for each next one. */
        private Duration backoff = Duration.ofSeconds(1);

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Map<String, String> getFilters() {
            return filters;
        }

        public void setFilters(Map<String, String> filters) {
            this.filters = filters;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }
    }
}
