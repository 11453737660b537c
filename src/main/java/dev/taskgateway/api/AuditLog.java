package dev.taskgateway.api;

import dev.taskgateway.http.RequestIds;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One record per action on the {@code taskgateway.audit} logger: API key name, action, tasks,
 * outcome, request id. The message is {@code audit } followed by the record as one JSON object,
 * written by Jackson with every non-ASCII character escaped, so no value — a task id with spaces,
 * {@code ]}, {@code =}, a line or paragraph separator, a bidi override — can end the line, add a
 * field or look like another record. The same fields ride along as SLF4J key-value pairs, so
 * Boot's structured logging ({@code logging.structured.format.*=ecs|logstash}) carries them as
 * fields of its own JSON. Route that logger to its own appender to keep an audit trail.
 */
@Component
class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("taskgateway.audit");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** One audit record, as it is written. */
    record Entry(String key, String action, List<String> tasks, String outcome, String requestId) {
    }

    void record(String keyName, String action, Collection<String> tasks, String outcome) {
        Entry entry = new Entry(keyName, action, List.copyOf(tasks), outcome, RequestIds.current());
        LOG.atInfo().addKeyValue("audit.key", entry.key()).addKeyValue("audit.action", entry.action())
                .addKeyValue("audit.tasks", entry.tasks()).addKeyValue("audit.outcome", entry.outcome())
                .log(() -> "audit " + JSON.writeValueAsString(entry));
    }
}
