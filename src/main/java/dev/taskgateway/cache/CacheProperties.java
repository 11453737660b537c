package dev.taskgateway.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskgateway.cache.*}: the memory bound of the upstream page cache, shared by all sources.
 * Each source's lifetimes are {@code taskgateway.sources.<id>.cache.fresh-ttl} and {@code stale-ttl}.
 */
@ConfigurationProperties("taskgateway.cache")
public class CacheProperties {

    /**
     * Tasks all cached pages may hold together; a page weighs its task count plus one. Past it the
     * least useful pages are evicted. About 1-3 KB of heap per task with its raw record.
     */
    private long maximumTasks = 50_000;

    public long getMaximumTasks() { return maximumTasks; }
    public void setMaximumTasks(long maximumTasks) { this.maximumTasks = maximumTasks; }
}
