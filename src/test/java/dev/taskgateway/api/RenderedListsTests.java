package dev.taskgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedListsTests {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final TaskQuery FIRST_PAGE = new TaskQuery(TaskFilter.NONE, 20, 1, null, false);

    private final MutableClock clock = new MutableClock(NOW);
    private final RenderedLists rendered = new RenderedLists(clock);

    @Test
    void anAnswerIsHandedOutAgainWhileTheReadsAreUnchangedAndFresh() {
        rendered.keep(FIRST_PAGE, answer(7, NOW.plusSeconds(10)), 7);

        clock.advance(Duration.ofSeconds(9));

        assertThat(rendered.find(FIRST_PAGE, 7)).isNotNull();
        assertThat(rendered.find(new TaskQuery(TaskFilter.NONE, 20, 2, null, false), 7)).isNull();
        assertThat(rendered.reused()).isEqualTo(1);
    }

    @Test
    void anyChangeOfTheHeldReadsRetiresEveryAnswer() {
        rendered.keep(FIRST_PAGE, answer(7, NOW.plusSeconds(10)), 7);

        assertThat(rendered.find(FIRST_PAGE, 8)).isNull();
        assertThat(rendered.find(FIRST_PAGE, 7)).as("dropped, not kept for a later match").isNull();
    }

    @Test
    void anAnswerRetiresWhenTheFirstReadItCameFromStopsBeingFresh() {
        rendered.keep(FIRST_PAGE, answer(7, NOW.plusSeconds(10)), 7);

        clock.advance(Duration.ofSeconds(10));

        assertThat(rendered.find(FIRST_PAGE, 7)).isNull();
    }

    @Test
    void anAnswerMadeWhileTheReadsChangedIsNotKept() {
        rendered.keep(FIRST_PAGE, answer(7, NOW.plusSeconds(10)), 8);

        assertThat(rendered.find(FIRST_PAGE, 8)).isNull();
        assertThat(rendered.size()).isZero();
    }

    @Test
    void keptAnswersStayWithinTheirByteBound() {
        int body = 1024 * 1024;
        for (int page = 1; page <= 20; page++) {
            rendered.keep(new TaskQuery(TaskFilter.NONE, 20, page, null, false),
                    new RenderedLists.Rendered(new byte[body], "W/\"x\"", 7, NOW.plusSeconds(10), List.of()), 7);
        }

        assertThat(rendered.size() * body).isLessThanOrEqualTo(RenderedLists.MAXIMUM_BYTES);
    }

    private static RenderedLists.Rendered answer(long changes, Instant freshUntil) {
        return new RenderedLists.Rendered("{\"items\":[]}".getBytes(StandardCharsets.UTF_8), "W/\"abc\"", changes,
                freshUntil, List.of("a"));
    }
}
