package dev.taskgateway.providers;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading provider JSON whose types drift (PROVIDER-NOTES, quirk 3): numbers as strings, booleans
 * as 0/1, objects as JSON strings. Every reader answers null rather than throwing for a value of
 * the wrong shape; a body that is not JSON at all is an {@code UPSTREAM_BAD_RESPONSE}.
 */
public final class LenientJson {

    /** The mapper adapters share: tolerant of unknown fields, no float-as-BigDecimal surprises. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LenientJson() {
    }

    /** Parses a body; empty, non-JSON or non-object bodies are {@code UPSTREAM_BAD_RESPONSE}. */
    public static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider sent an empty body");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider sent a body that is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "provider sent JSON that is not an object");
        }
        return node;
    }

    /** A field's text: strings as they are, numbers and booleans printed; null for null/missing/containers. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isContainer()) {
            return null;
        }
        return v.isString() ? v.stringValue() : v.asString();
    }

    /** A field's text, or null when it is blank. */
    public static String nonBlank(JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * A whole number from a number or a numeric string; null otherwise, and null (never a wrapped
     * or saturated value) past the {@code long} range. A fraction is cut towards zero.
     */
    public static Long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && (v.isInt() || v.isLong())) {
            return v.longValue(); // the common case, exact as it is: no BigDecimal (issue 16)
        }
        BigDecimal exact = decimal(v);
        if (exact == null) {
            return null;
        }
        // Compared before any rescaling: "1e999999999" must not build a billion-digit number.
        if (exact.compareTo(LONG_MIN) < 0 || exact.compareTo(LONG_MAX) > 0) {
            return null;
        }
        return exact.abs().compareTo(BigDecimal.ONE) < 0 ? 0L : exact.longValue();
    }

    /**
     * A whole number that fits an {@code int}, from a number or a numeric string ({@code 3},
     * {@code "3"}, {@code 3.0}); null otherwise.
     * For statuses and counters: a value past the int range is unknown, never wrapped into a
     * valid one (4294967297 is not 1).
     */
    public static Integer intValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isInt()) {
            return v.intValue(); // the common case, exact as it is: no BigDecimal (issue 16)
        }
        BigDecimal exact = decimal(v);
        if (exact == null || exact.compareTo(INT_MIN) < 0 || exact.compareTo(INT_MAX) > 0
                || exact.stripTrailingZeros().scale() > 0) {
            return null; // past the range, or a fraction: neither is a status or a count
        }
        return exact.intValue();
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isNumber()) {
                return v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
            }
            return v.isString() ? new BigDecimal(v.stringValue().trim()) : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null; // "abc", NaN or infinity
        }
    }

    /** A number from a number or a numeric string (a trailing % is allowed); null otherwise. */
    public static Double doubleValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isString()) {
            String s = v.stringValue().trim();
            if (s.endsWith("%")) {
                s = s.substring(0, s.length() - 1).trim();
            }
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? d : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** A boolean from true/false, 1/0 or their string forms; null otherwise. */
    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String s = v.isNumber() ? v.asString() : v.isString() ? v.stringValue().trim().toLowerCase(Locale.ROOT) : "";
        return switch (s) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> null;
        };
    }

    /**
     * An object field, also when the provider sent it as a JSON string; null when absent, empty
     * or unreadable.
     */
    public static JsonNode object(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v != null && v.isString() && !v.stringValue().isBlank()) {
            try {
                v = MAPPER.readTree(v.stringValue());
            } catch (JacksonException e) {
                return null;
            }
        }
        return v != null && v.isObject() ? v : null;
    }

    /** A zone-less {@code yyyy-MM-dd HH:mm:ss} string read in {@code zone}; null when absent or unreadable. */
    public static Instant localDateTime(JsonNode node, String field, ZoneId zone) {
        String value = nonBlank(node, field);
        if (value == null) {
            return null;
        }
        String text = value.trim();
        LocalDateTime plain = plainLocalDateTime(text);
        if (plain != null) {
            return plain.atZone(zone).toInstant();
        }
        try {
            return LocalDateTime.parse(text, LOCAL_DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * {@code text} when it is exactly {@code yyyy-MM-dd HH:mm:ss} with every field in its range,
     * read without the formatter (which costs several times more, per time field of every task
     * read: issue 16); null for anything else, which the formatter then reads as before (its
     * SMART resolving included), so both paths agree on every input.
     */
    static LocalDateTime plainLocalDateTime(String text) {
        if (text.length() != 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != ' '
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        // Year 0 is no year-of-era (the pattern's yyyy); out-of-range fields go to the formatter.
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    /** The decimal number in {@code text[from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Unix seconds (number or string) as an instant; null when absent, zero or unreadable. */
    public static Instant epochSeconds(JsonNode node, String field) {
        Long seconds = longValue(node, field);
        return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
