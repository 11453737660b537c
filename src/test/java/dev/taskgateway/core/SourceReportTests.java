package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one place a source's report is built from how it answered or failed. */
class SourceReportTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SourceInfo PC = new SourceInfo("pc", "tikmatrix", TaskKind.GENERATION,
            Ordering.NEWEST_FIRST, 50, 1000, Set.of(), Set.of());

    @Test
    void aFailedSourceTakesItsStateFromTheCodeAndCarriesTheWaitHint() {
        SourceException e = new SourceException(ErrorCode.UPSTREAM_RATE_LIMITED, "slow down\nplease", 7L, null);

        SourceReport report = SourceReport.failed("pc", "tikmatrix", 120L, e);

        assertThat(report.state()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED.state());
        assertThat(report.latencyMs()).isEqualTo(120L);
        assertThat(report.error()).isEqualTo(
                new SourceReport.SourceError(ErrorCode.UPSTREAM_RATE_LIMITED, "slow down please", 7L));
        assertThat(report.fetchedAt()).isNull();
        assertThat(report.total()).isNull();
    }

    @Test
    void aFreshAnswerIsOkFetchedNowWhenItSaysNothingElseAndHasNoAgeOrError() {
        SourceReport report = SourceReport.answered(PC, 30, null, NOW, null, 12L, false);

        assertThat(report).isEqualTo(new SourceReport("pc", "tikmatrix", SourceState.OK, 30L, NOW, null, 12L,
                false, null));
    }

    @Test
    void anAnswerFromCacheAfterAFailureIsStaleWithItsAgeAndTheFailure() {
        SourceException cause = new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "no answer within 8000 ms");

        SourceReport report = SourceReport.answered(PC, 8001, NOW.minusSeconds(95), NOW, cause, 40L, true);

        assertThat(report.state()).isEqualTo(SourceState.STALE);
        assertThat(report.fetchedAt()).isEqualTo(NOW.minusSeconds(95));
        assertThat(report.ageSeconds()).isEqualTo(95L);
        assertThat(report.truncated()).isTrue();
        assertThat(report.error().code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
    }

    @Test
    void aCachedPageStampedAfterNowHasNoNegativeAge() {
        SourceException cause = new SourceException(ErrorCode.UPSTREAM_UNAVAILABLE, "down");

        SourceReport report = SourceReport.answered(PC, 5, NOW.plusSeconds(3), NOW, cause, null, false);

        assertThat(report.ageSeconds()).isZero();
    }
}
