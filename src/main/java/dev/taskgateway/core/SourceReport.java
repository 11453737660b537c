package dev.taskgateway.core;

import java.time.Duration;
import java.time.Instant;

/**
 * How one source took part in one request (DESIGN §5 {@code sources[]}).
 *
 * @param id         source id
 * @param provider   provider name
 * @param state      how it answered
 * @param latencyMs  time spent on it, or null when skipped
 * @param fetchedAt  when its data was fetched upstream, or null when it gave none
 * @param ageSeconds age of cached data when stale, else null
 * @param total      its matching tasks, or null when unknown
 * @param truncated  true when the scan cap stopped the read (its total is then a lower bound)
 * @param error      why it failed, or null
 */
public record SourceReport(String id, String provider, SourceState state, Long latencyMs,
                           Instant fetchedAt, Long ageSeconds, Long total, boolean truncated,
                           SourceError error) {

    /**
     * A failure as clients see it: a code, one line of at most {@value #MAX_MESSAGE} characters
     * (whatever an adapter put before the provider's own text), and a wait hint when known.
     */
    public record SourceError(ErrorCode code, String message, Long retryAfterSeconds) {

        /** The longest message clients see (docs/problems.md). */
        public static final int MAX_MESSAGE = 160;

        public SourceError {
            message = oneLine(message);
        }

        /** The client view of {@code e}. */
        public static SourceError from(SourceException e) {
            return new SourceError(e.code(), e.getMessage(), e.retryAfterSeconds());
        }

        private static String oneLine(String text) {
            if (text == null) {
                return null;
            }
            String line = text.replaceAll("[\\p{Cntrl}\\s]+", " ").trim();
            if (line.length() <= MAX_MESSAGE) {
                return line;
            }
            int end = Character.isHighSurrogate(line.charAt(MAX_MESSAGE - 2)) ? MAX_MESSAGE - 2 : MAX_MESSAGE - 1;
            return line.substring(0, end) + "…";
        }
    }

    /**
     * A source that failed: its state follows the error code.
     *
     * @param latencyMs time spent on it, or null when not measured
     */
    public static SourceReport failed(String id, String provider, Long latencyMs, SourceException e) {
        return new SourceReport(id, provider, e.code().state(), latencyMs, null, null, null, false,
                SourceError.from(e));
    }

    /**
     * A source that answered: OK, or STALE from cache after {@code staleCause}, with the data's age.
     *
     * @param fetchedAt when its data was fetched upstream, or null for {@code now}
     */
    static SourceReport answered(SourceInfo info, long latencyMs, Instant fetchedAt, Instant now,
                                 SourceException staleCause, Long total, boolean truncated) {
        Instant fetched = fetchedAt == null ? now : fetchedAt;
        boolean stale = staleCause != null;
        return new SourceReport(info.id(), info.provider(), stale ? SourceState.STALE : SourceState.OK, latencyMs,
                fetched, stale ? Math.max(0, Duration.between(fetched, now).toSeconds()) : null, total, truncated,
                stale ? SourceError.from(staleCause) : null);
    }

    /** A source left out by the {@code source}/{@code provider} filters. */
    static SourceReport skipped(SourceInfo info) {
        return new SourceReport(info.id(), info.provider(), SourceState.SKIPPED, null, null, null,
                null, false, null);
    }
}
