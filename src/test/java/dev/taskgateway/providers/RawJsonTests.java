package dev.taskgateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.api.TaskBody;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compact raw record must change no byte of the API: a task body (the list's items, whose bytes
 * the list ETag hashes, and {@code GET /tasks/{id}}) written by the API's own JSON mapper is the
 * same with the record held compact as with the tree the mappers used to keep.
 */
class RawJsonTests {

    private static JsonMapper api;

    @BeforeAll
    static void theApisMapper() {
        // Boot's JsonMapper with the settings of application.yml, as the controllers get it.
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withPropertyValues("spring.jackson.default-property-inclusion=always")
                .run(context -> api = context.getBean(JsonMapper.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"longlonglong", "new-api", "nxlink", "tikmatrix"})
    void everyRecordOfTheFixturesIsWrittenAsItsTreeWas(String provider) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/providers", provider))) {
            for (Path file : files.filter(RawJsonTests::isProviderAnswer).sorted().toList()) {
                collectObjects(Fixtures.json(provider, file.getFileName().toString()), records);
            }
        }

        assertThat(records).hasSizeGreaterThan(3);
        for (JsonNode record : records) {
            assertThat(new String(api.writeValueAsBytes(body(RawJson.of(record)))))
                    .isEqualTo(new String(api.writeValueAsBytes(body(record))));
            assertThat(copied(RawJson.of(record))).isEqualTo(RawJson.of(record));
        }
    }

    @Test
    void awkwardValuesAreWrittenAsTheirTreeWas() {
        JsonNode record = LenientJson.MAPPER.readTree("""
                {"text":"\\u0001\\t\\"quoted\\" \\u2028 é 中文 😀 </script>","": "empty key",
                 "big":123456789012345678901234567890,"neg":-0.0,"float":1.50,"exp":1e2,"long":9007199254740993,
                 "nested":{"list":[true,false,null,{"deep":[[],{}]}],"nothing":null}}""");

        assertThat(api.writeValueAsBytes(body(RawJson.of(record)))).isEqualTo(api.writeValueAsBytes(body(record)));
        assertThat(RawJson.of(record).toString()).isEqualTo(record.toString());
        assertThat(RawJson.of(record).tree()).isEqualTo(record);
        assertThat(copied(RawJson.of(record))).as("copied from a parser").isEqualTo(RawJson.of(record));
    }

    /** {@code raw} as a shared read reads it back: its text parsed and copied straight into a RawJson. */
    private static RawJson copied(RawJson raw) {
        try (JsonParser parser = LenientJson.MAPPER.createParser(raw.toString())) {
            parser.nextToken();
            return RawJson.read(parser);
        }
    }

    @Test
    void equalRecordsAreEqualValuesSoEqualTasksStayEqual() {
        RawJson one = RawJson.of(LenientJson.MAPPER.readTree("{\"id\":1,\"name\":\"中\"}"));
        RawJson same = RawJson.of(LenientJson.MAPPER.readTree("{ \"id\" : 1, \"name\" : \"\\u4e2d\" }"));
        RawJson other = RawJson.of(LenientJson.MAPPER.readTree("{\"id\":2,\"name\":\"中\"}"));

        assertThat(same).isEqualTo(one).hasSameHashCodeAs(one);
        assertThat(other).isNotEqualTo(one);
        assertThat(task(same)).isEqualTo(task(one)).hasSameHashCodeAs(task(one));
        assertThat(task(other)).isNotEqualTo(task(one));
    }

    @Test
    void holdsTheCompactTextOnly() {
        JsonNode record = LenientJson.MAPPER.readTree("{ \"id\" : 1,\n  \"name\" : \"é\" }");

        assertThat(RawJson.of(record).length()).isEqualTo("{\"id\":1,\"name\":\"é\"}".getBytes(StandardCharsets.UTF_8).length);
    }

    private static boolean isProviderAnswer(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".expected.json");
    }

    /** Every object in {@code node}, at any depth: the items the mappers keep are among them, wherever a provider nests its list. */
    private static void collectObjects(JsonNode node, List<JsonNode> into) {
        if (node.isObject()) {
            into.add(node);
        }
        node.values().forEach(child -> collectObjects(child, into));
    }

    private static TaskBody body(Object raw) {
        return TaskBody.from(task(raw));
    }

    private static Task task(Object raw) {
        return Task.builder(TaskId.of("src", "1"), "nxlink", TaskKind.OUTBOUND_CALL).raw(raw).build();
    }
}
