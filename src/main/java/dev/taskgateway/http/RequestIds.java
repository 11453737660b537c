package dev.taskgateway.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id, in one place: the header that carries it (in, out and upstream), the request
 * attribute and log-context key that hold it, and how a new one is made.
 *
 * <p>A new id is a random (version 4) UUID drawn from {@link ThreadLocalRandom}, not
 * {@link UUID#randomUUID()}: the id correlates logs, it guards nothing, and the secure generator
 * behind {@code randomUUID} is one lock every request queued on (issue 16: a third of the
 * liveness probe's time under load was threads waiting for it).
 */
public final class RequestIds {

    /** The header: taken from the caller when sane, echoed on every answer, sent upstream. */
    public static final String HEADER = "X-Request-Id";
    /** Request attribute and log-context (MDC) key holding the id. */
    public static final String ATTRIBUTE = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id when it is a sane token, else a new one. */
    public static String accept(String given) {
        return given != null && SANE.matcher(given).matches() ? given : next();
    }

    /** A new id: a random UUID, its version and variant bits set as RFC 9562 says. */
    public static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of the request this thread serves (or carries, on a fan-out thread), or null outside one. */
    public static String current() {
        return MDC.get(ATTRIBUTE);
    }
}
