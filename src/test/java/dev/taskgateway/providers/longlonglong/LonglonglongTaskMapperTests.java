package dev.taskgateway.providers.longlonglong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSchedule;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.RawJson;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

class LonglonglongTaskMapperTests {

    private static final String UUID = "dc7dd781-6d8a-42b1-9402-6d57636a8513";
    private static final String ABSENT = "<absent>";
    private final LonglonglongTaskMapper mapper = new LonglonglongTaskMapper("llcall", ZoneId.of("Asia/Shanghai"));

    /** DESIGN §4's Longlonglong rows, in every type the provider has been seen to send, plus values outside the table. */
    @ParameterizedTest(name = "enable={0} new_task_extra={1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            true       | {"call_status":true}       | RUNNING | enable=true,call_status=true
            false      | {"call_status":false}      | PAUSED  | enable=false,call_status=false
            true       | {"call_status":false}      | STOPPED | enable=true,call_status=false
            true       | null                       | FAILED  | enable=true,new_task_extra=empty
            false      | null                       | FAILED  | enable=false,new_task_extra=empty
            true       | {}                         | FAILED  | enable=true,new_task_extra=empty
            false      | []                         | FAILED  | enable=false,new_task_extra=empty
            true       | ""                         | FAILED  | enable=true,new_task_extra=empty
            <absent>   | null                       | FAILED  | enable=?,new_task_extra=empty
            false      | {"call_status":true}       | UNKNOWN | enable=false,call_status=true
            1          | {"call_status":1}          | RUNNING | enable=true,call_status=true
            "1"        | {"call_status":"true"}     | RUNNING | enable=true,call_status=true
            0          | {"call_status":0}          | PAUSED  | enable=false,call_status=false
            "0"        | {"call_status":"false"}    | PAUSED  | enable=false,call_status=false
            "true"     | {"call_status":"0"}        | STOPPED | enable=true,call_status=false
            "yes"      | {"call_status":true}       | UNKNOWN | enable=?,call_status=true
            <absent>   | {"call_status":false}      | UNKNOWN | enable=?,call_status=false
            true       | {"call_status":"maybe"}    | UNKNOWN | enable=true,call_status=?
            true       | {"name":"no call_status"}  | UNKNOWN | enable=true,call_status=?
            true       | ["a non-empty array"]      | UNKNOWN | enable=true,call_status=?
            true       | <absent>                   | UNKNOWN | enable=true,call_status=?
            """)
    void derivesStatusFromEnableAndRemoteCallStatus(String enable, String remote, TaskStatus status, String nativeStatus) {
        Task task = mapper.toTask(item(enable, remote));

        assertThat(task.status()).isEqualTo(status);
        assertThat(task.nativeStatus()).isEqualTo(nativeStatus);
        assertThat(LonglonglongTaskMapper.status(nativeStatus)).isEqualTo(status);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "<none>", textBlock = """
            enable=true,call_status=true      | RUNNING
            enable=false,call_status=false    | PAUSED
            enable=true,call_status=false     | STOPPED
            enable=true,new_task_extra=empty  | FAILED
            enable=false,new_task_extra=empty | FAILED
            enable=?,new_task_extra=empty     | FAILED
            enable=false,call_status=true     | UNKNOWN
            enable=?,call_status=true         | UNKNOWN
            enable=true,call_status=?         | UNKNOWN
            ''                                | UNKNOWN
            status=1                          | UNKNOWN
            ENABLE=TRUE,CALL_STATUS=TRUE      | UNKNOWN
            """)
    void statusTableMapsEveryNativeValueAndTheRestToUnknown(String nativeStatus, TaskStatus status) {
        assertThat(LonglonglongTaskMapper.status(nativeStatus)).isEqualTo(status);
    }

    @Test
    void stoppedTaskGivesItsCausesJoinedAsReason() {
        JsonNode item = json("""
                {"uuid":"%s","enable":true,"new_task_extra":{"call_status":false},
                 "task_cause":["任务结束时间不能早于当前时间"," 任务结束时间不符合 ",null,""]}""".formatted(UUID));

        assertThat(mapper.toTask(item).statusReason()).isEqualTo("任务结束时间不能早于当前时间; 任务结束时间不符合");
    }

    @Test
    void stoppedTaskWithoutCausesHasNoReason() {
        JsonNode item = json("""
                {"uuid":"%s","enable":true,"new_task_extra":{"call_status":false},"task_cause":[]}""".formatted(UUID));

        assertThat(mapper.toTask(item).statusReason()).isNull();
    }

    @Test
    void pausedTaskKeepsItsCausesInRawNotInReason() {
        JsonNode item = json("""
                {"uuid":"%s","enable":false,"new_task_extra":{"call_status":false},"task_cause":["线路并发不足"],
                 "status":1,"status_str":"停止"}""".formatted(UUID));

        Task task = mapper.toTask(item);

        assertThat(task.statusReason()).isNull();
        // The label follows the derived state (the docs' own words), not status_str, which contradicts it.
        assertThat(task.nativeStatusLabel()).isEqualTo("任务暂停中");
        JsonNode raw = ((RawJson) task.raw()).tree();
        assertThat(raw.get("task_cause").get(0).asString()).isEqualTo("线路并发不足");
        assertThat(raw.get("status").asInt()).isEqualTo(1);
        assertThat(raw.get("status_str").asString()).isEqualTo("停止");
    }

    @Test
    void abnormalTaskSaysToDeleteAndRecreate() {
        Task task = mapper.toTask(item("true", "{}"));

        assertThat(task.statusReason()).isEqualTo("abnormal task: remote task missing, delete and recreate");
    }

    @Test
    void zoneLessTimesAreReadInShanghaiByDefault() {
        JsonNode item = json("""
                {"uuid":"%s","create_datetime":"2024-09-02 21:45:18","alter_datetime":"2024-09-03 00:00:01"}"""
                .formatted(UUID));

        Task task = mapper.toTask(item);

        assertThat(task.createdAt()).isEqualTo(Instant.parse("2024-09-02T13:45:18Z"));
        assertThat(task.updatedAt()).isEqualTo(Instant.parse("2024-09-02T16:00:01Z"));
    }

    @Test
    void zoneLessTimesFollowTheConfiguredZone() {
        LonglonglongTaskMapper utc = new LonglonglongTaskMapper("llcall", ZoneOffset.UTC);
        JsonNode item = json("""
                {"uuid":"%s","create_datetime":"2024-09-02 21:45:18"}""".formatted(UUID));

        assertThat(utc.toTask(item).createdAt()).isEqualTo(Instant.parse("2024-09-02T21:45:18Z"));
    }

    @Test
    void campaignWindowIsTheScheduleNeverStartedOrFinished() {
        JsonNode full = json("""
                {"uuid":"%s","enable":true,"new_task_extra":{"call_status":true},
                 "task_extras":{"start_time":"2024-11-01 13:25:26","stop_time":"2025-11-01 13:25:26"}}"""
                .formatted(UUID));
        JsonNode timesOfDay = json("""
                {"uuid":"%s","task_extras":{"start_time":"09:00","stop_time":"18:00"}}""".formatted(UUID));

        Task running = mapper.toTask(full);
        assertThat(running.schedule()).isEqualTo(new TaskSchedule(Instant.parse("2024-11-01T05:25:26Z"),
                Instant.parse("2025-11-01T05:25:26Z")));
        assertThat(running.startedAt()).isNull();
        assertThat(running.finishedAt()).isNull();
        Task task = mapper.toTask(timesOfDay);
        assertThat(task.schedule()).isNull();
        assertThat(task.startedAt()).isNull();
        assertThat(((RawJson) task.raw()).tree().get("task_extras").get("start_time").asString()).isEqualTo("09:00");
    }

    /** The docs' 注意事项 table gives each derived state its words; status_str stays in raw. */
    @ParameterizedTest(name = "enable={0}, new_task_extra={1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "true  | {\"call_status\":true}  | 任务拨打中",
        "false | {\"call_status\":false} | 任务暂停中",
        "true  | {\"call_status\":false} | 停止",
        "true  | null                     | 异常任务",
        "false | {}                       | 异常任务",
        "false | {\"call_status\":true}  | null",
        "true  | {\"call_status\":\"x\"}  | null"})
    void labelComesFromTheDerivedStateNotStatusStr(String enable, String remote, String label) {
        JsonNode item = json("""
                {"uuid":"%s","enable":%s,"new_task_extra":%s,"status":1,"status_str":"停止"}"""
                .formatted(UUID, enable, remote));

        assertThat(mapper.toTask(item).nativeStatusLabel()).isEqualTo(label);
    }

    @Test
    void countsPastTheIntRangeAreLeftOutNotWrapped() {
        JsonNode item = json("""
                {"uuid":"%s","maximumcall":4294967297,"new_task_extra":{"call_status":true,"number_count":"99999999999"}}"""
                .formatted(UUID));

        assertThat(mapper.toTask(item).metrics()).isEmpty();
    }

    @Test
    void identityOwnerAndMetricsComeFromTheItem() {
        JsonNode item = json("""
                {"uuid":"%s","name":"子账户","remark":"首批","user_id":"4e92e425-036e-4759-b594-ee6911605533",
                 "maximumcall":"10","call_per_second":2.5,"new_task_extra":{"call_status":true,"number_count":"7"}}"""
                .formatted(UUID));

        Task task = mapper.toTask(item);

        assertThat(task.id().toString()).isEqualTo("llcall:" + UUID);
        assertThat(task.provider()).isEqualTo("longlonglong");
        assertThat(task.kind()).isEqualTo(TaskKind.OUTBOUND_CALL);
        assertThat(task.name()).isEqualTo("子账户");
        assertThat(task.description()).isEqualTo("首批");
        assertThat(task.owner()).isEqualTo("4e92e425-036e-4759-b594-ee6911605533");
        assertThat(task.metrics()).isEqualTo(Map.of("concurrency", 10, "callsPerSecond", 2.5, "numberCount", 7));
        assertThat(task.progress()).isNull();
    }

    @ParameterizedTest
    @EnumSource(TaskStatus.class)
    void onlyEnabledTasksOfferPause(TaskStatus status) {
        List<TaskAction> expected = status == TaskStatus.RUNNING || status == TaskStatus.STOPPED
                ? List.of(TaskAction.PAUSE) : List.of();

        assertThat(LonglonglongTaskMapper.actions(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"no uuid"}
            {"uuid":12345}
            {"uuid":"../../task_stop/dc7dd781-6d8a-42b1-9402-6d5763"}
            {"uuid":"dc7dd781-6d8a-42b1-9402-6d57636a851"}
            """)
    void itemWithoutAUuidShapedIdIsRefused(String item) {
        assertThatThrownBy(() -> mapper.toTask(json(item))).isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode item(String enable, String remote) {
        StringBuilder json = new StringBuilder("{\"uuid\":\"" + UUID + "\"");
        if (!ABSENT.equals(enable)) {
            json.append(",\"enable\":").append(enable);
        }
        if (!ABSENT.equals(remote)) {
            json.append(",\"new_task_extra\":").append(remote);
        }
        return json(json.append('}').toString());
    }

    private static JsonNode json(String text) {
        return LenientJson.MAPPER.readTree(text);
    }
}
