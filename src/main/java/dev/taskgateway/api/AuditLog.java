package dev.taskgateway.api;

import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One line per action on the {@code taskgateway.audit} logger: API key name, action, tasks,
 * outcome, request id. Route that logger to its own appender to keep an audit trail.
 */
@Component
class AuditLog {

    private static final Logger LOG = LoggerFactory.getLogger("taskgateway.audit");

    void record(String keyName, String action, Collection<String> tasks, String outcome) {
        LOG.info("audit key={} action={} tasks={} outcome={} requestId={}", keyName, action, tasks, outcome,
                RequestIdFilter.current());
    }
}
