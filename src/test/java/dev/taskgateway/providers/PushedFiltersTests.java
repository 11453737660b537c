package dev.taskgateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.TaskStatus;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adapters' one translation of a status filter and of a lower time bound. */
class PushedFiltersTests {

    /** A provider with two paused values, no stopped state, and nothing to say for UNKNOWN. */
    private static Set<Integer> table(TaskStatus status) {
        return switch (status) {
            case PENDING -> Set.of(1);
            case RUNNING -> Set.of(2);
            case PAUSED -> Set.of(5, 6);
            case STOPPED -> Set.of();
            default -> status == TaskStatus.UNKNOWN ? null : Set.of(3);
        };
    }

    @Test
    void noStatusAskedPushesNothingRatherThanMatchingNothing() {
        assertThat(PushedFilters.nativeStatuses(Set.of(), PushedFiltersTests::table)).isNull();
    }

    @Test
    void statusesCombineIntoTheirNativeValues() {
        assertThat(PushedFilters.nativeStatuses(Set.of(TaskStatus.PENDING, TaskStatus.PAUSED), PushedFiltersTests::table))
                .containsExactlyInAnyOrder(1, 5, 6);
    }

    @Test
    void aStatusTheProviderNeverHasMatchesNothing() {
        assertThat(PushedFilters.nativeStatuses(Set.of(TaskStatus.STOPPED), PushedFiltersTests::table)).isEmpty();
    }

    @Test
    void anOpenEndedStatusCannotBePushed() {
        assertThat(PushedFilters.nativeStatuses(Set.of(TaskStatus.PENDING, TaskStatus.UNKNOWN),
                PushedFiltersTests::table)).isNull();
    }

    @Test
    void onlyASingleNativeValueIsSent() {
        assertThat(PushedFilters.onlyValue(Set.of(1))).isEqualTo(1);
        assertThat((Object) PushedFilters.onlyValue(Set.of(5, 6))).isNull();
        assertThat((Object) PushedFilters.onlyValue((Set<Integer>) null)).isNull();
        assertThat((Object) PushedFilters.onlyValue(Set.of())).isNull();
    }

    @Test
    void aLowerBoundRoundsUpToTheNextWholeSecond() {
        assertThat(PushedFilters.firstWholeSecond(Instant.ofEpochSecond(100))).isEqualTo(100L);
        assertThat(PushedFilters.firstWholeSecond(Instant.ofEpochSecond(100, 1))).isEqualTo(101L);
        assertThat(PushedFilters.firstWholeSecond(Instant.ofEpochSecond(-1, 500_000_000))).isEqualTo(0L);
        assertThat(PushedFilters.firstWholeSecond(null)).isNull();
    }
}
