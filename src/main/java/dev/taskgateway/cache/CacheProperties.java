package dev.taskgateway.cache;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code taskgateway.cache.*}: the memory bound of the held upstream reads, shared by all sources.
 * Each source's lifetimes are {@code taskgateway.sources.<id>.cache.fresh-ttl} and {@code stale-ttl}.
 */
@ConfigurationProperties("taskgateway.cache")
public class CacheProperties {

    /**
     * Tasks all held reads may hold together, their sorted views and id indexes included (a read
     * weighs its task count plus one). Past it the least recently used reads are evicted. About
     * 3 KB of heap per task with its raw record (held as compact JSON).
     */
    private long maximumTasks = 50_000;

    public long getMaximumTasks() { return maximumTasks; }
    public void setMaximumTasks(long maximumTasks) { this.maximumTasks = maximumTasks; }
}
