package dev.taskgateway.providers;

import dev.taskgateway.api.TaskBody;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.UpstreamPage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads recorded provider answers and renders tasks the way the expected fixtures are written: as
 * the API shows them ({@link TaskBody}), so every provider's fixtures compare against one renderer.
 */
public final class Fixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** The text of {@code providers/<provider>/<file>} on the test class path. */
    public static String read(String provider, String file) {
        String path = "/providers/" + provider + "/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parsed JSON of a fixture. */
    public static JsonNode json(String provider, String file) {
        return JSON.readTree(read(provider, file));
    }

    /**
     * Tasks as the API shows them, without the fields the fixtures leave out: raw (checked apart),
     * source and nativeId (the API derives both from {@code id}, which is compared).
     */
    public static ArrayNode normalized(List<Task> tasks) {
        ArrayNode array = JSON.createArrayNode();
        for (Task task : tasks) {
            ObjectNode node = (ObjectNode) JSON.valueToTree(TaskBody.from(task.withoutRaw()));
            node.remove(List.of("raw", "source", "nativeId"));
            array.add(node);
        }
        // Round-trip so number node types (int vs long) compare by value, as the fixture files do.
        return (ArrayNode) JSON.readTree(JSON.writeValueAsString(array));
    }

    /** A page as {@code {total, totalExact, last, tasks}}, the tasks {@link #normalized(List) normalized}. */
    public static ObjectNode normalized(UpstreamPage page) {
        ObjectNode node = JSON.createObjectNode();
        node.put("total", page.total());
        node.put("totalExact", page.totalExact());
        node.put("last", page.last());
        node.set("tasks", normalized(page.tasks()));
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(node)); // int vs long, as above
    }
}
