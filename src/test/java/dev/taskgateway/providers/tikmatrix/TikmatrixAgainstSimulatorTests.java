package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.InvalidTaskBodyException;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.demo.Faults;
import dev.taskgateway.demo.SimulatorServer;
import dev.taskgateway.demo.TikmatrixSimulator.FieldNames;
import dev.taskgateway.demo.TikmatrixSimulator;
import dev.taskgateway.providers.UpstreamHttp;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The adapter against the simulator over real HTTP, under every reading of what TikMatrix leaves
 * undocumented: the list's item key and the task's field names.
 */
class TikmatrixAgainstSimulatorTests {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int COUNT = 240;

    private final TikmatrixSimulator simulator = new TikmatrixSimulator(COUNT, 14, ZONE,
            LocalDateTime.of(2026, 1, 5, 12, 0));
    private final SimulatorServer server = SimulatorServer.start("tikmatrix", 0, Faults.NONE, simulator);

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "items under {0}, {1} field names")
    @CsvSource({"tasks, ASSUMED", "list, ASSUMED", "items, ASSUMED", "tasks, DESKTOP", "list, DESKTOP", "items, DESKTOP"})
    void everyTaskIsReadWithTimesOnlyWhereTheStatusSaysTheyHappened(String itemsKey, FieldNames names) {
        simulator.itemsKey(itemsKey).fieldNames(names);

        List<Task> tasks = readAll(source());

        assertThat(tasks).hasSize(COUNT);
        assertThat(tasks).extracting(Task::status).doesNotContain(TaskStatus.UNKNOWN);
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.PENDING)
                .allSatisfy(t -> assertThat(t.startedAt()).isNull());
        assertThat(tasks).filteredOn(t -> t.status() != TaskStatus.SUCCEEDED && t.status() != TaskStatus.FAILED)
                .allSatisfy(t -> assertThat(t.finishedAt()).isNull());
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.SUCCEEDED)
                .allSatisfy(t -> assertThat(t.startedAt()).isNotNull().isBeforeOrEqualTo(t.finishedAt()));
        assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.RUNNING)
                .allSatisfy(t -> assertThat(t.startedAt()).isNotNull());
        if (names == FieldNames.ASSUMED) {
            assertThat(tasks).allSatisfy(t -> assertThat(t.createdAt()).isNotNull());
        } else {
            // The UI's rows carry a pending task's planned time in start_time: a plan, not a start.
            assertThat(tasks).filteredOn(t -> t.status() == TaskStatus.PENDING)
                    .anySatisfy(t -> assertThat(t.schedule()).isNotNull());
        }
    }

    @Test
    void anItemKeyNoReadingKnowsIsABadResponse() {
        simulator.itemsKey("rows");

        assertThatThrownBy(() -> source().fetch(query(1))).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_BAD_RESPONSE));
    }

    @Test
    void simulatorRefusesACreateWithoutScriptConfigAsTheVendorRequiresIt() throws Exception {
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(baseUrl() + "/api/v1/task").post(RequestBody.create(
                "{\"serials\":[\"R1\"],\"script_name\":\"post\"}", MediaType.get("application/json"))).build();

        try (Response response = http.newCall(request).execute()) {
            assertThat(response.body().string()).contains("\"code\":40001").contains("script_config");
        }
    }

    @Test
    void adapterRefusesThatBodyBeforeSendingAndCreatesWithIt() {
        TikmatrixTaskSource source = source();

        assertThatThrownBy(() -> source.create(Map.of("serials", List.of("R1"), "script_name", "post")))
                .isInstanceOfSatisfying(InvalidTaskBodyException.class, e -> assertThat(e.field()).isEqualTo("script_config"));
        assertThat(source.create(Map.of("serials", List.of("R1"), "script_name", "post",
                "script_config", Map.of("captions", "hi")))).hasSize(1);
    }

    private TikmatrixTaskSource source() {
        return TikmatrixTestSources.source(baseUrl(), ZONE, Duration.ofSeconds(5));
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    private static List<Task> readAll(TikmatrixTaskSource source) {
        List<Task> tasks = new ArrayList<>();
        for (int page = 1; page < 100; page++) {
            UpstreamPage answer = source.fetch(query(page));
            tasks.addAll(answer.tasks());
            if (answer.last()) {
                return tasks;
            }
        }
        throw new AssertionError("no last page");
    }

    private static UpstreamQuery query(int page) {
        return new UpstreamQuery(Set.of(), null, null, null, page, 100);
    }
}
