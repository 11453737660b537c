package dev.taskgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTests {

    @Test
    void aNewIdIsARandomVersion4UuidAndIdsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.next();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(seen.add(id)).as("repeated %s", id).isTrue();
        }
    }

    @Test
    void aSaneCallerIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestIds.accept("dash-1:page.2_x")).isEqualTo("dash-1:page.2_x");
        for (String insane : new String[] {null, "", "two words", "a\nb", "x".repeat(129), "caf\u00e9"}) {
            String id = RequestIds.accept(insane);
            assertThat(id).isNotEqualTo(insane);
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
        }
    }
}
