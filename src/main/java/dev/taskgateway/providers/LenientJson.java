package dev.taskgateway.providers;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
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

    /** A whole number from a number or a numeric string; null otherwise. */
    public static Long longValue(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return (long) v.doubleValue();
        }
        if (v.isString()) {
            try {
                return new BigDecimal(v.stringValue().trim()).longValue();
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
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
        String text = nonBlank(node, field);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), LOCAL_DATE_TIME).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** Unix seconds (number or string) as an instant; null when absent, zero or unreadable. */
    public static Instant epochSeconds(JsonNode node, String field) {
        Long seconds = longValue(node, field);
        return seconds == null || seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
    }
}
