package dev.taskgateway.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTests {

    @Test
    void parsesSourceAndNativeId() {
        assertThat(TaskId.parse("nxlink-hk:52145b00-abc9-4a87-94c2-ed1e1e42ec1c"))
                .isEqualTo(TaskId.of("nxlink-hk", "52145b00-abc9-4a87-94c2-ed1e1e42ec1c"));
    }

    @Test
    void splitsAtTheFirstColonSoNativeIdsMayHoldColons() {
        TaskId id = TaskId.parse("newapi:task_abc:v2:1");

        assertThat(id.source()).isEqualTo("newapi");
        assertThat(id.nativeId()).isEqualTo("task_abc:v2:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tikmatrix-pc1:42", "a:b", "llcall:ü/../?#%20", "x:" + "n:n"})
    void textRoundTrips(String text) {
        assertThat(TaskId.parse(text).toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-colon", ":42", "UPPER:42", "under_score:42", "dot.ted:42", "spa ce:42",
            "src:", "src: ", "src:\t", "src:line\nbreak", "src:nul\u0000", "src:del\u007f",
            "a-source-id-that-is-longer-than-forty-chars:1"})
    void rejectsMalformedText(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.parse(text));
    }

    @Test
    void rejectsNullText() {
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.parse(null))
                .withMessageContaining("<source>:<nativeId>");
    }

    @Test
    void acceptsSourceIdsOfOneToFortyCharacters() {
        assertThat(TaskId.of("a", "1").source()).isEqualTo("a");
        assertThat(TaskId.of("a".repeat(40), "1").source()).hasSize(40);
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.of("a".repeat(41), "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.of("", "1"));
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.of(null, "1"));
    }

    @Test
    void acceptsNativeIdsUpToTwoHundredCharacters() {
        assertThat(TaskId.of("src", "n".repeat(200)).nativeId()).hasSize(200);
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.of("src", "n".repeat(201)))
                .withMessageContaining("200");
        assertThatIllegalArgumentException().isThrownBy(() -> TaskId.of("src", null));
    }

    @Test
    void ordersByItsText() {
        List<TaskId> ids = new ArrayList<>(List.of(TaskId.of("b", "1"), TaskId.of("a", "9"), TaskId.of("a", "10")));
        ids.sort(null);

        assertThat(ids).containsExactly(TaskId.of("a", "10"), TaskId.of("a", "9"), TaskId.of("b", "1"));
        assertThat(TaskId.of("a", "1")).isEqualByComparingTo(TaskId.parse("a:1"));
    }

    @Test
    void equalIdsAreEqualValues() {
        assertThat(TaskId.parse("src:1")).isEqualTo(TaskId.of("src", "1")).hasSameHashCodeAs(TaskId.of("src", "1"));
        assertThat(TaskId.of("src", "1")).isNotEqualTo(TaskId.of("src", "01"));
    }
}
