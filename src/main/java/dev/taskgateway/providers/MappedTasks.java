package dev.taskgateway.providers;

import dev.taskgateway.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Maps the task objects of one upstream page. An object its mapper refuses (no usable id, so it
 * could never be addressed) is left out with a warning naming the source and the id field, never
 * the object, which may carry personal data.
 */
public final class MappedTasks {

    private static final Logger LOG = LoggerFactory.getLogger(MappedTasks.class);

    private MappedTasks() {
    }

    /**
     * The tasks of {@code nodes}, in order.
     *
     * @param mapper  throws {@link IllegalArgumentException} for an object without a usable id
     * @param idField the provider's id field, for the warning
     */
    public static List<Task> map(List<JsonNode> nodes, Function<JsonNode, Task> mapper, String sourceId,
                                 String idField) {
        List<Task> tasks = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            try {
                tasks.add(mapper.apply(node));
            } catch (IllegalArgumentException e) {
                LOG.warn("source {} sent a task without a usable {}; it cannot be listed", sourceId, idField);
            }
        }
        return tasks;
    }
}
