package dev.taskgateway.core;

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

    /** A source left out by the {@code source}/{@code provider} filters. */
    static SourceReport skipped(SourceInfo info) {
        return new SourceReport(info.id(), info.provider(), SourceState.SKIPPED, null, null, null,
                null, false, null);
    }
}
