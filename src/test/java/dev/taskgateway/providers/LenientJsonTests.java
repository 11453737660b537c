package dev.taskgateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskgateway.testing.Seeds;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast paths of {@link LenientJson} (issue 16: every task read pays them) answer exactly what
 * the general paths answer: plain {@code yyyy-MM-dd HH:mm:ss} times what the formatter reads, with
 * its SMART resolving; int and long nodes what the BigDecimal path gives.
 */
class LenientJsonTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter FORMATTER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** 300 fixed seeds and 5 new ones per run ({@link Seeds}). */
    static LongStream seeds() {
        return Seeds.fixedThenFresh(300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aLocalTimeReadsAsTheFormatterReadsIt(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            String text = nearlyPlainTime(random);
            assertThat(LenientJson.localDateTime(node("t", text), "t", SHANGHAI)).as("'%s'", text)
                    .isEqualTo(throughTheFormatter(text));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-12-05 13:45:09|2026-12-05T05:45:09Z",
        "2024-02-29 00:00:00|2024-02-28T16:00:00Z",       // a leap day
        "2023-02-29 12:00:00|2023-02-28T04:00:00Z",       // no such day: SMART makes it the 28th
        "2026-04-31 12:00:00|2026-04-30T04:00:00Z",
        "' 2026-12-05 13:45:09 '|2026-12-05T05:45:09Z",   // trimmed
        "2026-12-05T05:45:09Z|2026-12-05T05:45:09Z",      // an ISO instant, read as one
        "2026-13-01 00:00:00|",                           // no month 13
        "2026-12-05 24:00:00|2026-12-05T16:00:00Z",       // SMART: midnight of the next day
        "2026-12-05 23:60:00|",
        "0000-01-01 00:00:00|",                           // no year 0 of an era
        "2026-1２-05 13:45:09|",                          // a digit that is not ASCII
        "2026/12/05 13:45:09|",
        "2026-12-05 13:45|",
    })
    void theExamplesReadAsTheFormatterReadsThem(String text, String expected) {
        Instant read = LenientJson.localDateTime(node("t", text), "t", SHANGHAI);
        assertThat(read).isEqualTo(expected == null ? null : Instant.parse(expected));
        assertThat(read).isEqualTo(throughTheFormatter(text));
    }

    @Test
    void intAndLongNodesReadAsTheirValues() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("int", 7).put("negative", -3).put("long", 4_294_967_297L).put("intMax", Integer.MAX_VALUE)
                .put("longAsInt", 5L).put("big", new BigDecimal("9223372036854775808"))
                .put("fraction", 2.5).put("whole", 3.0).put("text", " 42 ").put("word", "abc");

        assertThat(LenientJson.intValue(node, "int")).isEqualTo(7);
        assertThat(LenientJson.intValue(node, "negative")).isEqualTo(-3);
        assertThat(LenientJson.intValue(node, "intMax")).isEqualTo(Integer.MAX_VALUE);
        assertThat(LenientJson.intValue(node, "long")).as("past the int range: unknown, never wrapped").isNull();
        assertThat(LenientJson.intValue(node, "longAsInt")).isEqualTo(5);
        assertThat(LenientJson.intValue(node, "fraction")).isNull();
        assertThat(LenientJson.intValue(node, "whole")).isEqualTo(3);
        assertThat(LenientJson.intValue(node, "text")).isEqualTo(42);
        assertThat(LenientJson.intValue(node, "word")).isNull();
        assertThat(LenientJson.intValue(node, "missing")).isNull();

        assertThat(LenientJson.longValue(node, "int")).isEqualTo(7L);
        assertThat(LenientJson.longValue(node, "long")).isEqualTo(4_294_967_297L);
        assertThat(LenientJson.longValue(node, "big")).as("past the long range").isNull();
        assertThat(LenientJson.longValue(node, "fraction")).isEqualTo(2L);
        assertThat(LenientJson.longValue(node, "text")).isEqualTo(42L);
        assertThat(LenientJson.longValue(null, "int")).isNull();
    }

    /** A time in the plain pattern, or one a character, a field or a day away from it. */
    private static String nearlyPlainTime(Random random) {
        String text = String.format("%04d-%02d-%02d %02d:%02d:%02d", random.nextInt(3000), 1 + random.nextInt(13),
                1 + random.nextInt(31), random.nextInt(25), random.nextInt(61), random.nextInt(61));
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, random.nextInt(text.length()));
            case 1 -> replaceAt(text, random.nextInt(text.length()), "0 :-xT/+".charAt(random.nextInt(8)));
            case 2 -> " " + text + " ";
            default -> text;
        };
    }

    private static String replaceAt(String text, int index, char c) {
        return text.substring(0, index) + c + text.substring(index + 1);
    }

    /** What localDateTime answered before it had a fast path. */
    private static Instant throughTheFormatter(String raw) {
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, FORMATTER).atZone(SHANGHAI).toInstant();
        } catch (DateTimeException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException again) {
                return null;
            }
        }
    }

    private static JsonNode node(String field, String value) {
        return JsonNodeFactory.instance.objectNode().put(field, value);
    }
}
