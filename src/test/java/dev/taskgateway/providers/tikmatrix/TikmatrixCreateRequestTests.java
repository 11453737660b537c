package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.InvalidTaskBodyException;
import dev.taskgateway.providers.LenientJson;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The create body is checked against the vendor's create API, and only against what it states. */
class TikmatrixCreateRequestTests {

    @ParameterizedTest(name = "script_config {0}")
    @ValueSource(strings = {"absent", "null", "\"text\"", "[1]", "7"})
    void scriptConfigIsRequiredAsAnObject(String config) {
        String body = "{\"serials\":[\"R1\"],\"script_name\":\"post\""
                + (config.equals("absent") ? "" : ",\"script_config\":" + config) + "}";

        assertThatThrownBy(() -> TikmatrixCreateRequest.validate(map(body)))
                .isInstanceOfSatisfying(InvalidTaskBodyException.class,
                        e -> assertThat(e.field()).isEqualTo("script_config"));
    }

    @Test
    void emptyScriptConfigIsAccepted() {
        byte[] wire = TikmatrixCreateRequest.validate(map("{\"usernames\":[\"u1\"],\"script_name\":\"follow\",\"script_config\":{}}"));

        assertThat(LenientJson.MAPPER.readTree(wire).get("script_config").isObject()).isTrue();
    }

    @Test
    void manyTargetsAndLongNamesAreNotOursToRefuse() {
        List<String> serials = Collections.nCopies(2_000, "R".repeat(300));

        byte[] wire = TikmatrixCreateRequest.validate(Map.of("serials", serials, "script_name", "post",
                "script_config", Map.of()));

        assertThat(LenientJson.MAPPER.readTree(wire).get("serials")).hasSize(2_000);
    }

    @Test
    void intervalsAreWholeMinutesWithoutAnUpperLimitTheVendorNeverStated() {
        TikmatrixCreateRequest.validate(Map.of("serials", List.of("R1"), "script_name", "post",
                "script_config", Map.of(), "min_interval", 2_000, "max_interval", 10_000));

        assertThatThrownBy(() -> TikmatrixCreateRequest.validate(Map.of("serials", List.of("R1"), "script_name", "post",
                "script_config", Map.of(), "min_interval", -1)))
                .isInstanceOfSatisfying(InvalidTaskBodyException.class, e -> assertThat(e.field()).isEqualTo("min_interval"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String json) {
        return LenientJson.MAPPER.readValue(json, Map.class);
    }
}
