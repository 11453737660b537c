package dev.taskgateway.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code taskgateway.actions.*}: limits on the actions (stop, delete, create...). */
@ConfigurationProperties("taskgateway.actions")
public class ActionsProperties {

    /**
     * The longest one action may take, all of it: the fresh read of the task, existence checks of a
     * batch, the call that acts. Past it the client gets 504 {@code UPSTREAM_TIMEOUT} and the work is
     * interrupted; the action may or may not have been carried out.
     */
    private Duration deadline = Duration.ofSeconds(15);

    /** Answers kept for {@code Idempotency-Key} replay, per API key (in-progress requests not counted). */
    private long idempotencyKeysPerCaller = 10_000;

    public Duration getDeadline() { return deadline; }
    public void setDeadline(Duration deadline) { this.deadline = deadline; }
    public long getIdempotencyKeysPerCaller() { return idempotencyKeysPerCaller; }
    public void setIdempotencyKeysPerCaller(long idempotencyKeysPerCaller) {
        this.idempotencyKeysPerCaller = idempotencyKeysPerCaller;
    }
}
