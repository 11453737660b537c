package dev.taskgateway.providers.newapi;

import static dev.taskgateway.providers.newapi.NewApiTestSources.query;
import static dev.taskgateway.providers.newapi.NewApiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.demo.NewApiSimulator;
import dev.taskgateway.demo.NewApiSimulator.Shape;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The adapter against the new-api simulator over real HTTP, alone and under the real paging engine. */
class NewApiSimulatorContractTests {

    private static final Instant NEWEST = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    private static final String USER = NewApiSimulator.USER_TOKEN;
    private static final int USER_ID = NewApiSimulator.USER_ID;

    private NewApiSimulators running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void selfScopeListsTheTokenUsersTasksNewestIdFirstWithAnExactTotal() {
        start(Shape.CURRENT);
        NewApiTaskSource source = source(running.baseUrl(), USER, USER_ID, "self", "auto");

        UpstreamPage page = source.fetch(query(1, 100));

        List<String> expected = running.simulator().taskIds(USER_ID);
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.totalExact()).isTrue();
        assertThat(page.last()).isFalse();
        assertThat(nativeIds(page.tasks())).isEqualTo(expected.subList(0, 100));
        assertThat(page.tasks()).allSatisfy(t -> assertThat(t.owner()).isEqualTo("1"));
        assertThat(source.detectedShape()).isEqualTo("current");
    }

    @Test
    void allScopeWithAnAdminTokenListsEveryUsersTasks() {
        start(Shape.CURRENT);

        UpstreamPage page = source(running.baseUrl(), NewApiSimulator.ADMIN_TOKEN, NewApiSimulator.ADMIN_ID, "all",
                "auto").fetch(query(1, 100));

        assertThat(page.total()).isEqualTo(500);
        assertThat(page.tasks()).extracting(Task::owner).contains("1", "4", "5");
    }

    @ParameterizedTest(name = "{0} as user {1} on {2}")
    @CsvSource(textBlock = """
            demo-newapi-user-token,   1, all
            not-a-token-at-all,       1, self
            demo-newapi-user-token,   2, self
            demo-newapi-banned-token, 3, self
            """)
    void everyAuthRefusalIsAuthFailed(String token, int userId, String scope) {
        start(Shape.CURRENT);

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(running.baseUrl(), token, userId, scope, "auto").fetch(query(1, 20)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(e.getMessage()).doesNotContain(token);
    }

    @Test
    void legacyBuildIsDetectedAndPagedFromZeroToTheEnd() {
        start(Shape.LEGACY);
        NewApiTaskSource source = source(running.baseUrl(), USER, USER_ID, "self", "auto");

        List<Task> all = new ArrayList<>();
        for (int p = 1; ; p++) {
            UpstreamPage page = source.fetch(query(p, 100));
            all.addAll(page.tasks());
            assertThat(page.total()).isNull();
            if (page.last()) {
                break;
            }
        }

        assertThat(nativeIds(all)).isEqualTo(running.simulator().taskIds(USER_ID));
        assertThat(source.detectedShape()).isEqualTo("legacy");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            LEGACY,  current
            CURRENT, legacy
            """)
    void fixedShapeThatDoesNotMatchTheBuildIsABadResponse(Shape built, String configured) {
        start(built);

        SourceException e = catchThrowableOfType(SourceException.class,
                () -> source(running.baseUrl(), USER, USER_ID, "self", configured).fetch(query(1, 20)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE);
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void findReturnsTheTaskWithRawAndEmptyForAnUnknownId(Shape shape) {
        start(shape);
        NewApiTaskSource source = source(running.baseUrl(), USER, USER_ID, "self", "auto");
        String someId = running.simulator().taskIds(USER_ID).get(37);

        assertThat(source.find(someId)).get().satisfies(t -> {
            assertThat(t.id().nativeId()).isEqualTo(someId);
            assertThat(t.raw()).isNotNull();
        });
        assertThat(source.find("task_doesNotExist")).isEmpty();
    }

    @Test
    void findDoesNotSeeAnotherUsersTaskInSelfScope() {
        start(Shape.CURRENT);
        String othersId = running.simulator().taskIds(4).get(0);

        assertThat(source(running.baseUrl(), USER, USER_ID, "self", "auto").find(othersId)).isEmpty();
    }

    @Test
    void rateLimitedBuildIsRateLimited() {
        start(Shape.CURRENT);
        running.simulator().rateLimit(1, Duration.ofSeconds(180));
        NewApiTaskSource source = source(running.baseUrl(), USER, USER_ID, "self", "auto");
        source.fetch(query(1, 20));

        SourceException e = catchThrowableOfType(SourceException.class, () -> source.fetch(query(1, 20)));

        assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(e.retryAfterSeconds()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void cursorWalkReturnsEveryTaskOnceInOrder(Shape shape) {
        start(shape);

        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), TaskFilter.NONE, 20)) {
            TaskPage first = walk.first();
            List<Task> all = walk.all();

            List<String> expected = running.simulator().taskIds(USER_ID);
            assertThat(all).hasSize(expected.size()).isSortedAccordingTo(Task.ORDER);
            assertThat(nativeIds(all)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            assertThat(first.page().totalExact()).isEqualTo(shape == Shape.CURRENT);
            if (shape == Shape.CURRENT) {
                assertThat(first.page().total()).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void tasksArrivingAtTheHeadDuringAWalkNeitherRepeatNorShiftIt() {
        start(Shape.CURRENT);
        List<String> before = running.simulator().taskIds(USER_ID);

        List<Task> seen = new ArrayList<>();
        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), TaskFilter.NONE, 25)) {
            TaskPage page = walk.first();
            seen.addAll(page.items());
            while (page.page().next() != null) {
                running.simulator().addNow(7); // a busy new-api: new tasks between every two pages
                page = walk.next(page);
                seen.addAll(page.items());
            }
        }

        assertThat(nativeIds(seen)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void manyTasksInOneSecondAreWalkedOnceEach() {
        Clock clock = Clock.fixed(NEWEST.plusSeconds(60), ZoneOffset.UTC);
        running = NewApiSimulators.start(new NewApiSimulator(40, 42, NEWEST, Shape.CURRENT, clock));
        running.simulator().addNow(55); // all in one second, more than a page of the walk

        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), TaskFilter.NONE, 7)) {
            List<Task> all = walk.all();

            assertThat(nativeIds(all)).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(running.simulator().taskIds(USER_ID));
            assertThat(all).isSortedAccordingTo(Task.ORDER);
        }
    }

    @Test
    void statusFilterThatMapsToOneNativeValueIsExactAndCorrect() {
        start(Shape.CURRENT);
        List<Task> everything = walk(TaskFilter.NONE);
        List<String> inProgress = everything.stream().filter(t -> "IN_PROGRESS".equals(t.nativeStatus()))
                .map(t -> t.id().nativeId()).toList();

        TaskFilter filter = new TaskFilter(Set.of(), Set.of(), Set.of(TaskStatus.RUNNING), null, null, null);
        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), filter, 20)) {
            TaskPage first = walk.first();

            assertThat(first.page().totalExact()).isTrue();
            assertThat(first.page().total()).isEqualTo(inProgress.size());
            assertThat(nativeIds(walk.all())).isEqualTo(inProgress);
        }
    }

    @Test
    void pendingCoversThreeNativeValuesSoItIsFilteredHereAndNotExact() {
        start(Shape.CURRENT);
        List<String> pending = walk(TaskFilter.NONE).stream().filter(t -> t.status() == TaskStatus.PENDING)
                .map(t -> t.id().nativeId()).toList();

        TaskFilter filter = new TaskFilter(Set.of(), Set.of(), Set.of(TaskStatus.PENDING), null, null, null);
        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), filter, 20)) {
            assertThat(walk.first().page().totalExact()).isFalse();
            assertThat(nativeIds(walk.all())).isEqualTo(pending);
        }
    }

    @Test
    void createdRangeAndNameFilterReturnExactlyTheMatchingTasks() {
        start(Shape.CURRENT);
        List<Task> everything = walk(TaskFilter.NONE);
        Instant to = everything.get(40).createdAt();
        Instant from = everything.get(160).createdAt();
        List<String> expected = everything.stream()
                .filter(t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(to))
                .filter(t -> t.name().toLowerCase().contains("suno"))
                .map(t -> t.id().nativeId()).toList();

        TaskFilter filter = new TaskFilter(Set.of(), Set.of(), Set.of(), "SUNO", from, to);
        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), filter, 20)) {
            assertThat(walk.first().page().totalExact()).as("q is applied by the gateway").isFalse();
            assertThat(nativeIds(walk.all())).isNotEmpty().isEqualTo(expected);
        }
    }

    private List<Task> walk(TaskFilter filter) {
        try (EngineWalk walk = new EngineWalk(source(running.baseUrl(), USER, USER_ID, "self", "auto"), filter, 50)) {
            return walk.all();
        }
    }

    private void start(Shape shape) {
        running = NewApiSimulators.start(new NewApiSimulator(500, 42, NEWEST, shape));
    }

    private static List<String> nativeIds(List<Task> tasks) {
        return tasks.stream().map(t -> t.id().nativeId()).toList();
    }
}
