package dev.taskgateway.providers;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * A task's provider record ({@code Task.raw}) as compact UTF-8 JSON, written once when the task
 * is mapped. Held instead of the parsed tree, which takes several times the heap (issue 16: the
 * trees were most of what held tasks weigh); it is only shown for {@code include=raw} and
 * {@code GET /tasks/{id}}. Jackson writes it as the JSON value it holds, byte for byte what the
 * tree would have written; equal records are equal values (change detection, ETags).
 */
public final class RawJson extends JacksonSerializable.Base {

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The record {@code node}, serialized once; the tree can be dropped afterwards. */
    public static RawJson of(JsonNode node) {
        return new RawJson(LenientJson.MAPPER.writeValueAsBytes(node));
    }

    /**
     * The JSON value {@code parser} is at, copied compact without building a tree: a record held
     * elsewhere as text (a read shared through Redis) read back as the replica that read it holds it.
     */
    public static RawJson read(JsonParser parser) {
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream(256);
        try (JsonGenerator copy = LenientJson.MAPPER.createGenerator(utf8)) {
            copy.copyCurrentStructure(parser);
        }
        return new RawJson(utf8.toByteArray());
    }

    /** The record as it was parsed again, for readers of single fields (tests, tools). */
    public JsonNode tree() {
        return LenientJson.MAPPER.readTree(utf8);
    }

    /** Its size in bytes of UTF-8. */
    public int length() {
        return utf8.length;
    }

    @Override
    public void serialize(JsonGenerator gen, SerializationContext context) {
        // Decoded per write: written only for include=raw and single tasks, held all the time.
        gen.writeRawValue(new String(utf8, StandardCharsets.UTF_8));
    }

    @Override
    public void serializeWithType(JsonGenerator gen, SerializationContext context, TypeSerializer typeSer) {
        serialize(gen, context);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson that && Arrays.equals(utf8, that.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    /** The JSON text, as a tree's {@code toString} gave it. */
    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
