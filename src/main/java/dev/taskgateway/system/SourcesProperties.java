package dev.taskgateway.system;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code taskgateway.*}: the configured sources and engine-wide settings. */
@ConfigurationProperties("taskgateway")
public class SourcesProperties {

    /** Sources by id ({@code [a-z0-9-]{1,40}}); each id is part of its tasks' ids. */
    private Map<String, SourceProperties> sources = new LinkedHashMap<>();

    /** Time a gateway request waits for its sources; unfinished ones report TIMEOUT or STALE. */
    private Duration deadline = Duration.ofSeconds(8);

    /**
     * Secret that signs cursors (at least 16 characters). Gateways behind one load balancer must
     * share it. Required outside the demo profile; the demo makes a random one per process (and
     * says so), so its cursors die with the process.
     */
    private String cursorSecret;

    /** The secret before the last rotation: cursors it signed are still accepted, new ones use cursor-secret. */
    private String cursorSecretPrevious;

    /**
     * Most platform threads calling providers at once on JDK 17 (on 21+ they are virtual and
     * unbounded). Work that finds them all busy runs on the thread that asked for it.
     */
    private int fanOutThreads = 64;

    public Map<String, SourceProperties> getSources() { return sources; }
    public void setSources(Map<String, SourceProperties> sources) { this.sources = sources; }
    public Duration getDeadline() { return deadline; }
    public int getFanOutThreads() { return fanOutThreads; }
    public void setFanOutThreads(int fanOutThreads) { this.fanOutThreads = fanOutThreads; }
    public void setDeadline(Duration deadline) { this.deadline = deadline; }
    public String getCursorSecret() { return cursorSecret; }
    public void setCursorSecret(String cursorSecret) { this.cursorSecret = cursorSecret; }
    public String getCursorSecretPrevious() { return cursorSecretPrevious; }
    public void setCursorSecretPrevious(String cursorSecretPrevious) { this.cursorSecretPrevious = cursorSecretPrevious; }

    /** Keys every source has; provider-specific keys sit beside them. */
    public static class SourceProperties {

        /** Provider: {@code longlonglong}, {@code nxlink}, {@code new-api} or {@code tikmatrix}. */
        private String type;

        /** Base URL of the provider's API; the only address this source calls. */
        private String baseUrl;

        /** False keeps the source configured but out of every request. */
        private boolean enabled = true;

        /** Time limit of one upstream call, connect to last byte. */
        private Duration timeout = Duration.ofSeconds(5);

        /** Zone of the provider's zone-less times (default per provider). */
        private String timezone;

        /** Most tasks read from an unordered source for one request. */
        private int scanCap = 10_000;

        /** Cache lifetimes of this source's reads. */
        private Cache cache = new Cache();

        /** The provider's request budget this source spends (defaults per provider: docs/operations.md). */
        private Budget budget = new Budget();

        public String getType() { return type; }
        public void setType(String type) { this.type = type; }
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public String getTimezone() { return timezone; }
        public void setTimezone(String timezone) { this.timezone = timezone; }
        public int getScanCap() { return scanCap; }
        public void setScanCap(int scanCap) { this.scanCap = scanCap; }
        public Cache getCache() { return cache; }
        public void setCache(Cache cache) { this.cache = cache; }
        public Budget getBudget() { return budget; }
        public void setBudget(Budget budget) { this.budget = budget; }
    }

    /**
     * A provider's request budget: at most {@code limit} calls in any {@code period}, sliding, as the
     * provider counts them. Unset keys take the provider's default (new-api: 180 per 180 s per host).
     */
    public static class Budget {

        /** Calls allowed in any period; unset: the provider's default. */
        private Integer limit;

        /** The sliding window the limit counts over; unset: the provider's default. */
        private Duration period;

        /**
         * Who shares the budget: {@code host} (every source of this provider on the same host and port,
         * as a provider counting per client IP sees them), {@code source} (this source alone), or any
         * other name (every source naming it). Unset: {@code host} for new-api, else {@code source}.
         */
        private String scope;

        /**
         * With {@code taskgateway.state.store=redis}: {@code shared} (the default) when the replicas
         * reach the provider from one egress address, so they spend one budget together;
         * {@code per-replica} when each has its own address and the provider counts each apart.
         */
        private String sharing;

        public String getSharing() { return sharing; }
        public void setSharing(String sharing) { this.sharing = sharing; }
        public Integer getLimit() { return limit; }
        public void setLimit(Integer limit) { this.limit = limit; }
        public Duration getPeriod() { return period; }
        public void setPeriod(Duration period) { this.period = period; }
        public String getScope() { return scope; }
        public void setScope(String scope) { this.scope = scope; }
    }

    /** Cache lifetimes of one source. */
    public static class Cache {

        /** Age up to which a held read answers without asking the upstream. */
        private Duration freshTtl = Duration.ofSeconds(15);

        /** Age up to which a held read answers, flagged STALE, when the upstream fails. */
        private Duration staleTtl = Duration.ofMinutes(10);

        public Duration getFreshTtl() { return freshTtl; }
        public void setFreshTtl(Duration freshTtl) { this.freshTtl = freshTtl; }
        public Duration getStaleTtl() { return staleTtl; }
        public void setStaleTtl(Duration staleTtl) { this.staleTtl = staleTtl; }
    }
}
