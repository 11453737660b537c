package dev.taskgateway.demo;

import java.time.Duration;

/**
 * What a simulator does wrong on purpose.
 *
 * @param latency     added to every answer
 * @param errorRate   share of requests answered 503 (0..1)
 * @param resetRate   share of connections dropped without an answer
 * @param garbageRate share answered 200 with an HTML page
 * @param slowRate    share delayed by {@code slowDelay} more
 * @param slowDelay   the extra delay of slow answers
 * @param down        true drops every connection (a provider outage)
 */
public record Faults(Duration latency, double errorRate, double resetRate, double garbageRate,
                     double slowRate, Duration slowDelay, boolean down) {

    /** No faults, no latency. */
    public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 0, 0, Duration.ZERO, false);

    public Faults {
        latency = latency == null ? Duration.ZERO : latency;
        slowDelay = slowDelay == null ? Duration.ZERO : slowDelay;
        for (double rate : new double[] {errorRate, resetRate, garbageRate, slowRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("fault rates are between 0 and 1, was " + rate);
            }
        }
    }

    /** Only a fixed latency. */
    public static Faults latency(Duration latency) {
        return new Faults(latency, 0, 0, 0, 0, Duration.ZERO, false);
    }
}
