package dev.taskgateway.providers.newapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.demo.NewApiSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §5 guarantee 5 and §8: walking a 100,000-task new-api source by cursor costs a bounded
 * number of upstream calls per page at any depth, and about one call per 100 tasks walked.
 */
class NewApiDeepWalkTests {

    private static final int TASKS = 100_000;
    private static final int SIZE = 20;
    private static final int DEEPEST = 1_000;

    private static NewApiSimulators running;

    @BeforeAll
    static void start() {
        Instant newest = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        running = NewApiSimulators.start(new NewApiSimulator(TASKS, 42, newest, NewApiSimulator.Shape.CURRENT));
    }

    @AfterAll
    static void stop() {
        running.close();
    }

    @Test
    void upstreamCallsPerCursorPageStayConstantToPageOneThousand() {
        RecordingTaskSource source = new RecordingTaskSource(NewApiTestSources.source(running.baseUrl(),
                NewApiSimulator.ADMIN_TOKEN, NewApiSimulator.ADMIN_ID, "all", "auto"));
        Map<Integer, Integer> callsAtPage = new TreeMap<>();
        Map<Integer, Long> millisAtPage = new TreeMap<>();
        Set<Integer> cursorPageCosts = new HashSet<>();
        List<Task> seen = new ArrayList<>(DEEPEST * SIZE);

        try (EngineWalk walk = new EngineWalk(source, TaskFilter.NONE, SIZE)) {
            TaskPage page = null;
            for (int number = 1; number <= DEEPEST; number++) {
                int before = source.calls();
                long started = System.nanoTime();
                page = number == 1 ? walk.first() : walk.next(page);
                int calls = source.calls() - before;
                if (number == 1) {
                    assertThat(page.page().total()).isEqualTo(TASKS);
                    assertThat(page.page().totalExact()).isTrue();
                } else {
                    cursorPageCosts.add(calls);
                }
                if (number == 1 || number == 100 || number == DEEPEST) {
                    callsAtPage.put(number, calls);
                    millisAtPage.put(number, (System.nanoTime() - started) / 1_000_000);
                }
                assertThat(page.items()).hasSize(SIZE);
                seen.addAll(page.items());
            }
            assertThat(page.page().number()).isEqualTo(DEEPEST);
        }

        System.out.printf("new-api deep walk (%,d tasks, size %d): calls per page %s, ms per page %s%n",
                TASKS, SIZE, callsAtPage, millisAtPage);
        // The walk continues one held run: a page costs a call every 100 / 20 pages, at any depth.
        assertThat(cursorPageCosts).as("calls per cursor page").allSatisfy(calls -> assertThat(calls).isBetween(0, 2));
        assertThat(source.calls()).as("20,000 tasks in pages of 100").isLessThanOrEqualTo(DEEPEST * SIZE / 100 + 3);
        assertThat(seen).hasSize(DEEPEST * SIZE).isSortedAccordingTo(Task.ORDER);
        assertThat(seen.stream().map(Task::id).distinct().count()).isEqualTo(DEEPEST * SIZE);
    }
}
