package dev.taskgateway.resilience;

import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Measures every call that reaches the provider, so no adapter has to:
 * <ul>
 *   <li>{@code taskgateway.upstream.requests{source,provider,outcome}} (Prometheus:
 *       {@code taskgateway_upstream_requests_seconds}), outcome {@code success} or the error code
 *       without its {@code UPSTREAM_} prefix, lower-case ({@code timeout}, {@code unavailable},
 *       {@code bad_response}, {@code auth_failed}, {@code rate_limited}, {@code rejected}), or
 *       {@code error} for anything else;</li>
 *   <li>{@code taskgateway.tasks.unknown.status{source,provider,native}}: each fetched task whose
 *       native status mapped to {@code UNKNOWN} (DESIGN §4: counted, never an error). The provider
 *       chooses {@code native}, so it is bounded: the first {@value #MAX_NATIVE_VALUES} values seen
 *       per source get their own tag, any later one counts under {@code other};</li>
 *   <li>the source's {@link LatencyWindow} for {@code /sources};</li>
 *   <li>one trace span per call, {@code upstream <operation>} (kind client), tagged {@code source},
 *       {@code provider}, {@code operation} ({@code fetch}, {@code find}, {@code read}, {@code act}),
 *       {@code page} (the upstream page of a fetch) and {@code outcome} as above. Here rather than in
 *       the HTTP client: this is where a call's source, page and outcome are all known, and a retry's
 *       attempts are separate calls.</li>
 * </ul>
 * It sits inside the breaker, limiter and bulkhead, so their rejections (no call made) are not timed.
 */
public final class MeteredTaskSource extends ForwardingTaskSource {

    private static final int MAX_NATIVE_TAG = 40;
    /** Distinct {@code native} tags per source: a provider sending a new status per task cannot grow the registry. */
    static final int MAX_NATIVE_VALUES = 20;
    static final String OTHER = "other";

    private final MeterRegistry meters;
    private final LatencyWindow latencies;
    private final Tracer tracer;
    private final Set<String> nativeTags = ConcurrentHashMap.newKeySet();

    /** Without traces: meters and latencies only. */
    public MeteredTaskSource(TaskSource delegate, MeterRegistry meters, LatencyWindow latencies) {
        this(delegate, meters, latencies, Tracer.NOOP);
    }

    public MeteredTaskSource(TaskSource delegate, MeterRegistry meters, LatencyWindow latencies, Tracer tracer) {
        super(delegate);
        this.meters = meters;
        this.latencies = latencies;
        this.tracer = tracer;
    }

    @Override
    protected <T> T read(Supplier<T> call) {
        return timed("read", 0, call);
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        return timed("act", 0, call);
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        UpstreamPage page = timed("fetch", query.page(), () -> delegate.fetch(query));
        page.tasks().forEach(this::countUnknown);
        return page;
    }

    @Override
    public Optional<Task> find(String nativeId) {
        Optional<Task> task = timed("find", 0, () -> delegate.find(nativeId));
        task.ifPresent(this::countUnknown);
        return task;
    }

    /** Times {@code call} and traces it; {@code page} is the upstream page of a fetch, 0 for other calls. */
    private <T> T timed(String operation, int page, Supplier<T> call) {
        Span.Builder builder = tracer.spanBuilder().name("upstream " + operation).kind(Span.Kind.CLIENT)
                .tag("source", delegate.info().id()).tag("provider", delegate.info().provider())
                .tag("operation", operation);
        if (page > 0) {
            builder.tag("page", String.valueOf(page));
        }
        Span span = builder.start();
        long start = System.nanoTime();
        String outcome = "success";
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return call.get();
        } catch (RuntimeException failure) {
            outcome = outcome(failure);
            span.error(failure);
            throw failure;
        } finally {
            span.tag("outcome", outcome).end();
            long nanos = System.nanoTime() - start;
            latencies.record(TimeUnit.NANOSECONDS.toMillis(nanos));
            Timer.builder("taskgateway.upstream.requests")
                    .description("Calls that reached a provider, by outcome")
                    .tag("source", delegate.info().id()).tag("provider", delegate.info().provider())
                    .tag("outcome", outcome)
                    .register(meters).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    static String outcome(RuntimeException failure) {
        if (failure instanceof SourceException e) {
            return e.code().name().replaceFirst("^UPSTREAM_", "").toLowerCase(Locale.ROOT);
        }
        return "error";
    }

    private void countUnknown(Task task) {
        if (task.status() != TaskStatus.UNKNOWN) {
            return;
        }
        String value = task.nativeStatus() == null ? "" : task.nativeStatus().replaceAll("\\p{Cntrl}", "?");
        Counter.builder("taskgateway.tasks.unknown.status")
                .description("Fetched tasks whose native status maps to UNKNOWN")
                .tag("source", delegate.info().id()).tag("provider", delegate.info().provider())
                .tag("native", bounded(value.length() <= MAX_NATIVE_TAG ? value : value.substring(0, MAX_NATIVE_TAG)))
                .register(meters).increment();
    }

    /** {@code value} while fewer than {@value #MAX_NATIVE_VALUES} tags exist (or it is one of them), else {@code other}. */
    private String bounded(String value) {
        if (nativeTags.contains(value)) {
            return value;
        }
        synchronized (nativeTags) {
            if (nativeTags.size() < MAX_NATIVE_VALUES) {
                nativeTags.add(value);
                return value;
            }
        }
        return OTHER;
    }
}
