package dev.taskgateway.providers.nxlink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.core.CursorCodec;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceHealth;
import dev.taskgateway.core.SourceRegistry;
import dev.taskgateway.core.SourceReport;
import dev.taskgateway.core.SourceState;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskPage;
import dev.taskgateway.core.TaskQuery;
import dev.taskgateway.core.TaskQueryEngine;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.NxlinkSimulator;
import dev.taskgateway.demo.SimulatorServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two NXLink regions (each its own API gateway and keys) merged into one list by the real
 * engine: ids stay distinct by source, the order is one order, nothing is lost or repeated.
 */
class NxlinkRegionsTests {

    private static final Instant NEWEST = Instant.now();
    private static final String HK_KEY = "AK-HK-0001";
    private static final String HK_SECRET = "hk-secret-0001";
    private static final String US_KEY = "AK-US-0002";
    private static final String US_SECRET = "us-secret-0002";

    private final NxlinkSimulator hkSimulator = new NxlinkSimulator(Clock.systemUTC()).account(HK_KEY, HK_SECRET, 70, 1, NEWEST);
    private final NxlinkSimulator usSimulator = new NxlinkSimulator(Clock.systemUTC()).account(US_KEY, US_SECRET, 45, 2, NEWEST);
    private final SimulatorServer hk = SimulatorServer.start("nxlink-hk", 0, Faults.NONE, hkSimulator);
    private final SimulatorServer us = SimulatorServer.start("nxlink-us", 0, Faults.NONE, usSimulator);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        hk.close();
        us.close();
        executor.shutdownNow();
    }

    @Test
    void bothRegionsMergeIntoOneOrderedListWithIdsDistinctBySource() {
        TaskPage page = engine(US_SECRET).list(new TaskQuery(TaskFilter.NONE, 200, 1, null, false));

        assertThat(page.items()).hasSize(115).isSortedAccordingTo(Task.ORDER);
        assertThat(page.items()).extracting(t -> t.id().source()).containsOnly("nxlink-hk", "nxlink-us");
        assertThat(ids(page.items())).containsExactlyInAnyOrderElementsOf(expectedIds());
        assertThat(page.page().total()).isEqualTo(115);
        assertThat(page.page().totalExact()).isTrue();
        assertThat(page.complete()).isTrue();
        assertThat(page.sources()).extracting(SourceReport::total).containsExactly(70L, 45L);
    }

    @Test
    void followingTheCursorReturnsEveryTaskOfBothRegionsOnceInOrder() {
        TaskQueryEngine engine = engine(US_SECRET);
        CursorCodec codec = codec();
        TaskFilter filter = TaskFilter.NONE;
        List<Task> walked = new ArrayList<>();
        TaskPage page = engine.list(new TaskQuery(filter, 20, 1, null, false));
        walked.addAll(page.items());
        while (page.page().next() != null) {
            page = engine.list(new TaskQuery(filter, 20, 1, codec.decode(page.page().next(), filter, 20), false));
            walked.addAll(page.items());
        }

        assertThat(walked).isSortedAccordingTo(Task.ORDER);
        assertThat(ids(walked)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedIds());
    }

    @Test
    void aStatusFilterAppliesToBothRegions() {
        TaskFilter paused = new TaskFilter(Set.of(), Set.of("nxlink"), Set.of(TaskStatus.PAUSED), null, null, null);

        TaskPage page = engine(US_SECRET).list(new TaskQuery(paused, 200, 1, null, false));

        long expected = countStatus(hkSimulator.tasks(HK_KEY), 5, 6) + countStatus(usSimulator.tasks(US_KEY), 5, 6);
        assertThat(page.items()).hasSize((int) expected).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.PAUSED));
        assertThat(page.items()).extracting(t -> t.id().source()).contains("nxlink-hk", "nxlink-us");
    }

    @Test
    void aRegionWithABadKeyFailsAloneAndTheOtherStillAnswers() {
        TaskPage page = engine("wrong-us-secret").list(new TaskQuery(TaskFilter.NONE, 200, 1, null, false));

        assertThat(page.items()).hasSize(70).allSatisfy(t -> assertThat(t.id().source()).isEqualTo("nxlink-hk"));
        assertThat(page.complete()).isFalse();
        SourceReport usReport = page.sources().get(1);
        assertThat(usReport.state()).isEqualTo(SourceState.ERROR);
        assertThat(usReport.error().code()).isEqualTo(ErrorCode.UPSTREAM_AUTH_FAILED);
        assertThat(usReport.error().message()).doesNotContain("wrong-us-secret").doesNotContain(US_KEY);
    }

    @Test
    void oneTaskIsFetchedFromItsOwnRegion() {
        String nativeId = (String) usSimulator.tasks(US_KEY).get(30).get("taskId");

        Task task = engine(US_SECRET).get(TaskId.of("nxlink-us", nativeId));

        assertThat(task.id().nativeId()).isEqualTo(nativeId);
        assertThat(task.raw()).isNotNull();
    }

    private TaskQueryEngine engine(String usSecret) {
        SourceRegistry registry = new SourceRegistry(List.of(
                entry(NxlinkTestSources.source(NxlinkTestSources.settings("nxlink-hk", hk.baseUrl(), 10_000),
                        NxlinkTestSources.properties(HK_KEY, HK_SECRET), Clock.systemUTC())),
                entry(NxlinkTestSources.source(NxlinkTestSources.settings("nxlink-us", us.baseUrl(), 10_000),
                        NxlinkTestSources.properties(US_KEY, usSecret), Clock.systemUTC()))));
        return new TaskQueryEngine(registry, executor, codec(), Clock.systemUTC(), Duration.ofSeconds(10));
    }

    private static SourceRegistry.Entry entry(NxlinkTaskSource source) {
        return new SourceRegistry.Entry(source, true, new SourceHealth());
    }

    private static CursorCodec codec() {
        return new CursorCodec("regions-test-cursor-secret".getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> expectedIds() {
        Set<String> ids = new HashSet<>();
        hkSimulator.tasks(HK_KEY).forEach(t -> ids.add("nxlink-hk:" + t.get("taskId")));
        usSimulator.tasks(US_KEY).forEach(t -> ids.add("nxlink-us:" + t.get("taskId")));
        return ids;
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(t -> t.id().toString()).toList();
    }

    private static long countStatus(List<Map<String, Object>> tasks, int... statuses) {
        return tasks.stream().filter(t -> Arrays.stream(statuses).anyMatch(s -> t.get("taskStatus").equals(s)))
                .count();
    }
}
