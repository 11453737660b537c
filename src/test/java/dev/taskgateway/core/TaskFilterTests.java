package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.taskgateway.testing.FakeTaskSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskFilterTests {

    private static final Instant NOON = Instant.parse("2026-01-31T12:00:00Z");

    private static Task task(String name, TaskStatus status, Instant createdAt) {
        return FakeTaskSource.task("src", "tikmatrix", "1", createdAt, status, name);
    }

    private static TaskFilter name(String q) {
        return new TaskFilter(null, null, null, q, null, null);
    }

    private static TaskFilter created(Instant from, Instant to) {
        return new TaskFilter(null, null, null, null, from, to);
    }

    @Test
    void theBoundProvidersTakeIsTheLastInstantBeforeTheExclusiveCreatedTo() {
        assertThat(created(null, NOON).createdUntil()).isEqualTo(NOON.minusNanos(1));
        assertThat(created(NOON, null).createdUntil()).isNull();
    }

    @Test
    void noFilterMatchesEveryTaskEvenWithoutNameOrTime() {
        assertThat(TaskFilter.NONE.matches(task(null, TaskStatus.UNKNOWN, null))).isTrue();
        assertThat(TaskFilter.NONE.selects("any", "provider")).isTrue();
    }

    @Test
    void statusFilterKeepsOnlyThoseStatuses() {
        TaskFilter filter = new TaskFilter(null, null, Set.of(TaskStatus.RUNNING, TaskStatus.PAUSED), null, null, null);

        assertThat(filter.matches(task("a", TaskStatus.RUNNING, NOON))).isTrue();
        assertThat(filter.matches(task("a", TaskStatus.PAUSED, NOON))).isTrue();
        assertThat(filter.matches(task("a", TaskStatus.FAILED, NOON))).isFalse();
    }

    @Test
    void nameFilterIsACaseInsensitiveSubstring() {
        assertThat(name("CALL").matches(task("outbound-call-7", TaskStatus.RUNNING, NOON))).isTrue();
        assertThat(name("bound-C").matches(task("outbound-call-7", TaskStatus.RUNNING, NOON))).isTrue();
        assertThat(name("calls").matches(task("outbound-call-7", TaskStatus.RUNNING, NOON))).isFalse();
    }

    @Test
    void nameFilterIgnoresTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            assertThat(name("TITLE").matches(task("title", TaskStatus.RUNNING, NOON))).isTrue();
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void nameFilterNeverMatchesATaskWithoutName() {
        assertThat(name("a").matches(task(null, TaskStatus.RUNNING, NOON))).isFalse();
    }

    @Test
    void createdFromIsInclusiveAndCreatedToExclusive() {
        TaskFilter filter = created(NOON, NOON.plusSeconds(60));

        assertThat(filter.matches(task("a", TaskStatus.RUNNING, NOON))).isTrue();
        assertThat(filter.matches(task("a", TaskStatus.RUNNING, NOON.plusSeconds(59)))).isTrue();
        assertThat(filter.matches(task("a", TaskStatus.RUNNING, NOON.minusNanos(1)))).isFalse();
        assertThat(filter.matches(task("a", TaskStatus.RUNNING, NOON.plusSeconds(60)))).isFalse();
    }

    @Test
    void timeFiltersNeverMatchATaskWithoutCreatedAt() {
        assertThat(created(NOON, null).matches(task("a", TaskStatus.RUNNING, null))).isFalse();
        assertThat(created(null, NOON).matches(task("a", TaskStatus.RUNNING, null))).isFalse();
    }

    @Test
    void equalBoundsAreAllowedAndMatchNothing() {
        TaskFilter empty = created(NOON, NOON);

        assertThat(empty.matches(task("a", TaskStatus.RUNNING, NOON))).isFalse();
    }

    @Test
    void createdFromAfterCreatedToIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> created(NOON.plusSeconds(1), NOON))
                .withMessageContaining("createdFrom is after createdTo");
    }

    @Test
    void selectsSourcesByIdAndProvider() {
        TaskFilter bySource = new TaskFilter(Set.of("nxlink-hk"), null, null, null, null, null);
        TaskFilter byProvider = new TaskFilter(null, Set.of("nxlink"), null, null, null, null);
        TaskFilter both = new TaskFilter(Set.of("nxlink-hk"), Set.of("tikmatrix"), null, null, null, null);

        assertThat(bySource.selects("nxlink-hk", "nxlink")).isTrue();
        assertThat(bySource.selects("nxlink-us", "nxlink")).isFalse();
        assertThat(byProvider.selects("nxlink-us", "nxlink")).isTrue();
        assertThat(byProvider.selects("tikmatrix-pc1", "tikmatrix")).isFalse();
        assertThat(both.selects("nxlink-hk", "nxlink")).as("both must hold").isFalse();
    }

    @Test
    void nullSetsMeanAllAndGivenSetsAreCopied() {
        Set<TaskStatus> statuses = new HashSet<>(Set.of(TaskStatus.RUNNING));
        TaskFilter filter = new TaskFilter(null, null, statuses, null, null, null);
        statuses.add(TaskStatus.FAILED);

        assertThat(filter.statuses()).containsExactly(TaskStatus.RUNNING);
        assertThat(filter.sources()).isEmpty();
        assertThat(filter.providers()).isEmpty();
    }

    @Test
    void canonicalTextIsTheSameForTheSameMeaning() {
        TaskFilter a = new TaskFilter(Set.of("b", "a"), Set.of("x"), Set.of(TaskStatus.FAILED, TaskStatus.RUNNING),
                "Call", NOON, null);
        TaskFilter b = new TaskFilter(Set.of("a", "b"), Set.of("x"), Set.of(TaskStatus.RUNNING, TaskStatus.FAILED),
                "cALL", NOON, null);

        assertThat(a.canonical()).isEqualTo(b.canonical());
    }

    @Test
    void canonicalTextDiffersWhenTheMeaningDiffers() {
        TaskFilter base = new TaskFilter(Set.of("a"), null, null, "q", NOON, null);

        assertThat(Set.of(base.canonical(),
                new TaskFilter(Set.of("b"), null, null, "q", NOON, null).canonical(),
                new TaskFilter(Set.of("a"), Set.of("a"), null, "q", NOON, null).canonical(),
                new TaskFilter(Set.of("a"), null, Set.of(TaskStatus.RUNNING), "q", NOON, null).canonical(),
                new TaskFilter(Set.of("a"), null, null, null, NOON, null).canonical(),
                new TaskFilter(Set.of("a"), null, null, "q", null, NOON).canonical(),
                new TaskFilter(Set.of("a"), null, null, "q", null, null).canonical())).hasSize(7);
    }

    @Test
    void updatedFromComparesUpdatedAtElseTheLatestTimeTheProviderGave() {
        TaskFilter since = new TaskFilter(null, null, null, null, null, null, NOON);
        Task updated = task("a", TaskStatus.RUNNING, NOON.minusSeconds(3600)).toBuilder().updatedAt(NOON).build();
        Task finishedLater = task("b", TaskStatus.FAILED, NOON.minusSeconds(3600)).toBuilder()
                .startedAt(NOON.minusSeconds(60)).finishedAt(NOON.plusSeconds(5)).build();
        Task oldUpdateNewFinish = finishedLater.toBuilder().updatedAt(NOON.minusSeconds(1)).build();
        Task createdBefore = task("c", TaskStatus.PENDING, NOON.minusSeconds(1));
        Task timeless = task("d", TaskStatus.PENDING, null);

        assertThat(since.matches(updated)).isTrue();
        assertThat(since.matches(finishedLater)).isTrue();
        assertThat(since.matches(oldUpdateNewFinish)).isFalse();
        assertThat(since.matches(createdBefore)).isFalse();
        assertThat(since.matches(timeless)).isFalse();
        assertThat(TaskFilter.lastChange(finishedLater)).isEqualTo(NOON.plusSeconds(5));
    }
}
