package dev.taskgateway.system;

import io.opentelemetry.context.Context;

/**
 * Carries the current trace context (the OpenTelemetry {@link Context} that Micrometer Tracing's
 * bridge makes current for each span in scope) from the thread that submits work to the thread
 * that runs it, so a span opened on a fan-out thread — an upstream call, a read-model load — is a
 * child of the request's span, and Boot's log correlation puts the same {@code traceId} in the
 * worker's MDC. Kept out of {@code core}, which stays free of frameworks.
 */
final class TraceContextCarrier {

    private TraceContextCarrier() {
    }

    /** {@code task}, run inside the trace context current now. */
    static Runnable wrap(Runnable task) {
        return Context.current().wrap(task);
    }
}
