package dev.taskgateway.providers.longlonglong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.providers.ProviderDeclaration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** Start-up validation of the Longlonglong keys: each failure names its key, never a secret. */
class LonglonglongConfigurationTests {

    private static final String PREFIX = "taskgateway.sources.llcall.";
    private static final String TOKEN = LonglonglongTestSupport.TOKEN;

    @Test
    void factoryHandlesTheLonglonglongType() {
        ProviderDeclaration<LonglonglongProperties> factory = new LonglonglongConfiguration().longlonglongProvider();

        assertThat(factory.type()).isEqualTo("longlonglong");
    }

    @Test
    void defaultsAskAHundredPerPageSoTheProvidersCapDecidesAndPushNothing() {
        SourceInfo info = create(keys()).info();

        assertThat(info.id()).isEqualTo("llcall");
        assertThat(info.maxPageSize()).isEqualTo(100);
        assertThat(info.scanCap()).isEqualTo(10_000);
        assertThat(info.pushedFilters()).isEmpty();
    }

    @Test
    void pageSizeAndNamePushAreConfigurable() {
        Map<String, String> keys = keys();
        keys.put("page-size", "15");
        keys.put("push-name-filter", "true");

        SourceInfo info = create(keys).info();

        assertThat(info.maxPageSize()).isEqualTo(15);
        assertThat(info.pushedFilters()).containsExactly("q");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<absent>", "", "   "})
    void missingTokenFailsNamingTheKey(String token) {
        Map<String, String> keys = keys();
        keys.remove("token");
        if (!token.equals("<absent>")) {
            keys.put("token", token);
        }

        InvalidConfigurationPropertyValueException e = fail(keys);

        assertThat(e.getName()).isEqualTo(PREFIX + "token");
        assertThat(e.getMessage()).contains("required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<absent>", "", "203", "5832d184dd5342a08ace0bf8d660f4cc",
        "5832d184-dd53-42a0-8ace-0bf8d660f4cc/../x", "zzzzzzzz-dd53-42a0-8ace-0bf8d660f4cc"})
    void userIdThatIsNoUuidFailsNamingKeyAndValue(String userId) {
        Map<String, String> keys = keys();
        keys.remove("user-id");
        if (!userId.equals("<absent>")) {
            keys.put("user-id", userId);
        }

        InvalidConfigurationPropertyValueException e = fail(keys);

        assertThat(e.getName()).isEqualTo(PREFIX + "user-id");
        assertThat(e.getMessage()).contains("UUID").doesNotContain(TOKEN);
        if (!userId.isEmpty() && !userId.equals("<absent>")) {
            assertThat(e.getMessage()).contains(userId);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001"})
    void pageSizeOutOfRangeFailsNamingTheKey(String pageSize) {
        Map<String, String> keys = keys();
        keys.put("page-size", pageSize);

        InvalidConfigurationPropertyValueException e = fail(keys);

        assertThat(e.getName()).isEqualTo(PREFIX + "page-size");
        assertThat(e.getMessage()).contains(pageSize).doesNotContain(TOKEN);
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new HashMap<>();
        keys.put("token", TOKEN);
        keys.put("user-id", LonglonglongTestSupport.USER_ID);
        return keys;
    }

    private static LonglonglongTaskSource create(Map<String, String> keys) {
        return LonglonglongTestSupport.source(LonglonglongTestSupport.settings("http://127.0.0.1:9", 10_000), keys);
    }

    private static InvalidConfigurationPropertyValueException fail(Map<String, String> keys) {
        return catchThrowableOfType(InvalidConfigurationPropertyValueException.class, () -> create(keys));
    }
}
