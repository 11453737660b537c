package dev.taskgateway.providers.newapi;

import static dev.taskgateway.providers.newapi.NewApiTestSources.TOKEN;
import static dev.taskgateway.providers.newapi.NewApiTestSources.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.TaskKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Start-up validation of a new-api source's keys: each failure names the key, never a token. */
class NewApiConfigurationTests {

    private static final String URL = "http://127.0.0.1:9";
    private static final String PREFIX = "taskgateway.sources.newapi-test.";

    @Test
    void validKeysMakeANewestFirstGenerationSource() {
        NewApiTaskSource source = source(URL, Map.of("access-token", TOKEN, "user-id", "1"));

        SourceInfo info = source.info();
        assertThat(info.provider()).isEqualTo("new-api");
        assertThat(info.kind()).isEqualTo(TaskKind.GENERATION);
        assertThat(info.ordering()).isEqualTo(Ordering.NEWEST_FIRST);
        assertThat(info.maxPageSize()).isEqualTo(100);
        assertThat(info.pushedFilters()).containsExactlyInAnyOrder("status", "createdFrom", "createdTo");
        assertThat(info.actions()).isEmpty();
        assertThat(source.details()).isEqualTo(Map.of("apiShape", "auto", "detectedShape", "unknown"));
        assertThat(NewApiTestSources.factory().type()).isEqualTo("new-api");
    }

    @Test
    void scopeShapeAndPageSizeAreReadCaseInsensitively() {
        NewApiTaskSource source = source(URL, Map.of("access-token", TOKEN, "user-id", " 42 ", "scope", "ALL",
                "api-shape", "Legacy", "page-size", "50"));

        assertThat(source.info().maxPageSize()).isEqualTo(50);
        assertThat(source.details()).containsEntry("apiShape", "legacy");
    }

    @Test
    void missingAccessTokenNamesTheKey() {
        InvalidConfigurationPropertyValueException e = failure(Map.of("user-id", "1"));

        assertThat(e.getName()).isEqualTo(PREFIX + "access-token");
        assertThat(e.getMessage()).contains("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer " + TOKEN, "a\n" + TOKEN, "tok en-" + TOKEN, "tök-" + TOKEN})
    void tokenThatCannotBeAHeaderValueFailsWithoutEchoingIt(String token) {
        InvalidConfigurationPropertyValueException e = failure(Map.of("access-token", token, "user-id", "1"));

        assertThat(e.getName()).isEqualTo(PREFIX + "access-token");
        assertThat(e.getMessage()).doesNotContain(TOKEN).contains("(hidden)");
    }

    @Test
    void tokenReadFromAFileLosesItsTrailingNewline() {
        assertThat(source(URL, Map.of("access-token", TOKEN + "\n", "user-id", "1"))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "Bearer 1", "0", "-3", "1.5", "99999999999"})
    void userIdThatIsNotAPositiveIntegerNamesKeyAndValue(String userId) {
        InvalidConfigurationPropertyValueException e = failure(Map.of("access-token", TOKEN, "user-id", userId));

        assertThat(e.getName()).isEqualTo(PREFIX + "user-id");
        assertThat(e.getValue()).isEqualTo(userId);
        assertThat(e.getMessage()).contains("New-Api-User").doesNotContain(TOKEN);
    }

    @Test
    void missingUserIdNamesTheKey() {
        assertThat(failure(Map.of("access-token", TOKEN)).getName()).isEqualTo(PREFIX + "user-id");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            scope,     mine
            scope,     admin
            api-shape, v2
            page-size, 0
            page-size, 101
            """)
    void badValueNamesItsKey(String key, String value) {
        Map<String, String> keys = new HashMap<>(Map.of("access-token", TOKEN, "user-id", "1"));
        keys.put(key, value);

        InvalidConfigurationPropertyValueException e = failure(keys);

        assertThat(e.getName()).isEqualTo(PREFIX + key);
        assertThat(String.valueOf(e.getValue())).isEqualTo(value);
        assertThat(e.getMessage()).doesNotContain(TOKEN);
    }

    private static InvalidConfigurationPropertyValueException failure(Map<String, String> keys) {
        InvalidConfigurationPropertyValueException e = catchThrowableOfType(
                InvalidConfigurationPropertyValueException.class, () -> source(URL, keys));
        assertThat(e).as("start-up failure").isNotNull();
        return e;
    }
}
