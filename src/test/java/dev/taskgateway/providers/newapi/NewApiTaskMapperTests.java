package dev.taskgateway.providers.newapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class NewApiTaskMapperTests {

    private final NewApiTaskMapper mapper = new NewApiTaskMapper("newapi-admin");

    /** DESIGN §4, one row per native value, plus values no build has told us about. */
    @ParameterizedTest(name = "\"{0}\" -> {1} ({2})")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NOT_START      | PENDING   | not started
            SUBMITTED      | PENDING   | submitted
            QUEUED         | PENDING   | queued
            IN_PROGRESS    | RUNNING   | in progress
            SUCCESS        | SUCCEEDED | success
            FAILURE        | FAILED    | failure
            UNKNOWN        | UNKNOWN   | unknown
            ''             | UNKNOWN   | NULL
            PENDING_SUBMIT | UNKNOWN   | NULL
            success        | UNKNOWN   | NULL
            CANCELLED      | UNKNOWN   | NULL
            """)
    void nativeStatusMapsByTheDesignTable(String nativeStatus, TaskStatus expected, String label) {
        Task task = mapper.toTask(item("task_x1").put("status", nativeStatus));

        assertThat(task.status()).isEqualTo(expected);
        assertThat(task.nativeStatus()).isEqualTo(nativeStatus);
        assertThat(task.nativeStatusLabel()).isEqualTo(label);
        assertThat(NewApiTaskMapper.status(nativeStatus)).isEqualTo(expected);
    }

    @Test
    void missingStatusIsUnknown() {
        Task task = mapper.toTask(item("task_x1"));

        assertThat(task.status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(task.nativeStatus()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "SUCCESS", "FAILURE"})
    void everyNamedNativeStatusIsInTheSetItsUnifiedStatusPushesUpstream(String nativeStatus) {
        TaskStatus unified = NewApiTaskMapper.status(nativeStatus);

        assertThat(NewApiTaskMapper.nativeStatuses(unified)).contains(nativeStatus);
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void everyPushedNativeStatusMapsBackToItsUnifiedStatus(TaskStatus unified) {
        Set<String> natives = NewApiTaskMapper.nativeStatuses(unified);

        if (unified == TaskStatus.UNKNOWN) {
            assertThat(natives).as("UNKNOWN also covers values nobody can list").isNull();
        } else {
            assertThat(natives).allSatisfy(n -> assertThat(NewApiTaskMapper.status(n)).isEqualTo(unified));
        }
    }

    @Test
    void failureCarriesItsFailReasonAsStatusReason() {
        Task task = mapper.toTask(item("task_f").put("status", "FAILURE").put("fail_reason", "content policy violation"));

        assertThat(task.statusReason()).isEqualTo("content policy violation");
    }

    @Test
    void successKeepsAResultUrlInFailReasonOutOfStatusReason() {
        // Older builds store a successful task's result URL in fail_reason.
        Task task = mapper.toTask(item("task_s").put("status", "SUCCESS").put("fail_reason", "https://cdn/x.mp4"));

        assertThat(task.statusReason()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "NULL", textBlock = """
            '"45%"',    45.0
            '"0%"',     0.0
            '"100%"',   100.0
            '"12.5%"',  12.5
            '" 30 % "', 30.0
            '45',       45.0
            '"排队中"',  NULL
            '""',       NULL
            '"150%"',   NULL
            '"-5%"',    NULL
            'null',     NULL
            """)
    void progressStringsBecomePercentOrNull(String json, Double expected) {
        ObjectNode node = item("task_p");
        node.set("progress", LenientJson.MAPPER.readTree(json));

        assertThat(mapper.toTask(node).progress()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(nullValues = "NULL", textBlock = """
            suno,  MUSIC,             suno MUSIC
            suno,  LYRICS,            suno LYRICS
            50,    generate,          kling generate
            51,    textGenerate,      jimeng textGenerate
            52,    generate,          vidu generate
            54,    firstTailGenerate, doubao firstTailGenerate
            55,    remixGenerate,     sora remixGenerate
            24,    generate,          gemini generate
            41,    generate,          vertex generate
            77,    generate,          platform 77 generate
            kling, generate,          kling generate
            50,    NULL,              kling
            NULL,  MUSIC,             MUSIC
            NULL,  NULL,              NULL
            """)
    void nameIsAReadablePlatformAndTheAction(String platform, String action, String expected) {
        ObjectNode node = item("task_n");
        node.put("platform", platform);
        node.put("action", action);

        assertThat(mapper.toTask(node).name()).isEqualTo(expected);
    }

    /**
     * created_at is set when the row is inserted, so it follows id, the order new-api lists by;
     * submit_time is stamped before the upstream call (a minute before, for a slow video submit).
     */
    @Test
    void createdAtIsCreatedAtNotTheEarlierSubmitTime() {
        Task task = mapper.toTask(item("task_t").put("submit_time", 1_700_000_040L).put("created_at", 1_700_000_101L)
                .put("updated_at", 1_700_000_900L).put("start_time", 1_700_000_120L).put("finish_time", 0));

        assertThat(task.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_101L));
        assertThat(task.updatedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_900L));
        assertThat(task.startedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_120L));
        assertThat(task.finishedAt()).as("0 means not set").isNull();
        assertThat(((RawJson) task.raw()).tree().get("submit_time").asLong()).isEqualTo(1_700_000_040L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "missing"})
    void createdAtFallsBackToSubmitTimeWithoutCreatedAt(String createdAt) {
        ObjectNode node = item("task_c").put("submit_time", 1_700_000_099L);
        if (!createdAt.equals("missing")) {
            node.put("created_at", Long.parseLong(createdAt));
        }

        assertThat(mapper.toTask(node).createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_099L));
    }

    @Test
    void tasksListedInIdOrderAreInTheGatewaysOrderEvenWhenSubmitTimesCross() {
        // id 11 (video) was submitted first but inserted after its upstream answered 55 s later; id 10
        // (Suno) was submitted later and inserted first. new-api lists 11 before 10; so must we.
        Task video = mapper.toTask(item("task_v").put("id", 11).put("submit_time", 1_700_000_000L).put("created_at", 1_700_000_055L));
        Task suno = mapper.toTask(item("task_s").put("id", 10).put("submit_time", 1_700_000_050L).put("created_at", 1_700_000_051L));

        assertThat(Stream.of(suno, video).sorted(Task.ORDER)).containsExactly(video, suno);
    }

    @Test
    void quotaPastTheIntRangeIsLeftOutNotWrapped() {
        assertThat(mapper.toTask(item("task_q").put("quota", 4_294_967_297L)).metrics()).isEmpty();
    }

    @Test
    void descriptionIsThePromptFromPropertiesAlsoWhenSentAsAJsonString() {
        ObjectNode asObject = item("task_d1");
        asObject.putObject("properties").put("input", "a red fox in snow");
        ObjectNode asString = item("task_d2").put("properties", "{\"input\":\"lofi beats\"}");
        ObjectNode blank = item("task_d3");
        blank.putObject("properties").put("input", "");

        assertThat(mapper.toTask(asObject).description()).isEqualTo("a red fox in snow");
        assertThat(mapper.toTask(asString).description()).isEqualTo("lofi beats");
        assertThat(mapper.toTask(blank).description()).isNull();
    }

    @Test
    void ownerIsTheUserIdAndTheUsernameStaysInRaw() {
        ObjectNode node = item("task_o").put("user_id", 42).put("username", "alice").put("quota", 2500);

        Task task = mapper.toTask(node);

        assertThat(task.owner()).isEqualTo("42");
        assertThat(((RawJson) task.raw()).tree().get("username").asString()).isEqualTo("alice");
        assertThat(task.metrics()).isEqualTo(Map.of("quota", 2500));
        assertThat(task.kind()).isEqualTo(TaskKind.GENERATION);
        assertThat(task.provider()).isEqualTo("new-api");
        assertThat(task.actions()).isEmpty();
        assertThat(task.id().toString()).isEqualTo("newapi-admin:task_o");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "task id", "task:1", "ü"})
    void taskIdOutsideWhatNewApiStoresIsRejected(String taskId) {
        assertThatThrownBy(() -> mapper.toTask(item(taskId))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taskIdsOfEveryBuildAreAccepted() {
        assertThat(mapper.toTask(item("task_AbC123xyz0AbC123xyz0AbC123xyz0Ab")).id().nativeId()).startsWith("task_");
        assertThat(mapper.toTask(item("5f0c8a3e-1d2b-4c6a-9e7f-0a1b2c3d4e5f")).id().nativeId()).hasSize(36);
        assertThat(mapper.toTask(item("827364519")).id().nativeId()).isEqualTo("827364519");
        assertThatThrownBy(() -> mapper.toTask(item("x".repeat(129)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mapper.toTask(LenientJson.MAPPER.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ObjectNode item(String taskId) {
        return LenientJson.MAPPER.createObjectNode().put("task_id", taskId);
    }
}
