package dev.taskgateway.providers.newapi;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.LenientJson;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One new-api task center (a user's or, with an admin token, everyone's) as a {@link TaskSource}. */
public final class NewapiTaskSource implements TaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(NewapiTaskSource.class);
    private static final int MAX_PAGE_SIZE = 100;

    private final SourceInfo info;
    private final NewapiClient client;
    private final NewapiTaskMapper mapper;
    private final NewapiShape configuredShape;
    private volatile NewapiShape seenShape;

    /** A source paging by {@code configuredShape}, or by whatever it detects when that is null (auto). */
    NewapiTaskSource(SourceInfo info, NewapiClient client, NewapiTaskMapper mapper, NewapiShape configuredShape) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
        this.configuredShape = configuredShape;
    }

    static SourceInfo info(String id, int pageSize, int scanCap) {
        return new SourceInfo(id, NewapiTaskMapper.PROVIDER, TaskKind.GENERATION, Ordering.NEWEST_FIRST,
                pageSize, scanCap, Set.of("status", "createdFrom", "createdTo"), Set.of());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /** The response shape of the last answer that showed one: {@code current}, {@code legacy} or {@code unknown}. */
    public String detectedShape() {
        NewapiShape shape = seenShape;
        return shape == null ? "unknown" : shape.wireName();
    }

    /**
     * Two requests stamping {@code submit_time} across a second boundary may insert in the other
     * order, so {@code id DESC} can be one second out of {@code submit_time} order.
     */
    @Override
    public java.time.Duration orderSkew() {
        return java.time.Duration.ofSeconds(2);
    }

    /** Facts about this source for operators ({@code /sources}): the shape setting and the shape seen. */
    @Override
    public Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("apiShape", configuredShape == null ? "auto" : configuredShape.wireName());
        details.put("detectedShape", detectedShape());
        return details;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        Set<String> natives = nativeStatuses(query.statuses());
        Long start = startTimestamp(query.createdFrom());
        Long end = query.createdUntil() == null ? null : query.createdUntil().getEpochSecond();
        if (matchesNothing(natives, start, end)) {
            return new UpstreamPage(List.of(), 0L, true, true);
        }
        String status = natives != null && natives.size() == 1 ? natives.iterator().next() : null;
        int pageSize = Math.min(query.pageSize(), MAX_PAGE_SIZE);
        NewapiListResponse response = list(new NewapiListRequest(status, submittedFrom(start), end, null,
                query.page(), pageSize));
        boolean statusPushed = query.statuses().isEmpty() || status != null;
        // A time bound is pushed on submit_time, not on createdAt (created_at): the upstream total
        // then counts tasks submitted in the range, a few more than were created in it.
        boolean exact = statusPushed && query.nameContains() == null && start == null && end == null;
        return new UpstreamPage(tasks(response), response.total(), exact, isLast(response, query.page(), pageSize));
    }

    @Override
    public Optional<Task> find(String nativeId) {
        if (nativeId == null || !NewapiTaskMapper.NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        // task_id is matched with the database's collation (case-insensitive on MySQL): compare exactly.
        return list(NewapiListRequest.byTaskId(nativeId)).items().stream()
                .filter(node -> nativeId.equals(LenientJson.text(node, "task_id")))
                .findFirst()
                .map(mapper::toTask);
    }

    /**
     * One list call, paged by the shape in force. When the answer comes in the other shape, the
     * page asked for was the wrong one: with {@code api-shape: auto} the source switches and asks
     * again (once per switch); with a fixed shape that is a misconfiguration.
     */
    private NewapiListResponse list(NewapiListRequest request) {
        NewapiShape assumed = configuredShape != null ? configuredShape
                : seenShape != null ? seenShape : NewapiShape.CURRENT;
        NewapiListResponse response = client.list(request, assumed);
        if (response.shape() == null || response.shape() == assumed) {
            remember(response.shape());
            return response;
        }
        if (configuredShape != null) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api answered in the "
                    + response.shape().wireName() + " shape but api-shape is " + configuredShape.wireName()
                    + "; set api-shape to auto or " + response.shape().wireName());
        }
        LOG.info("source {} answers in the {} shape; paging by it from now on", info.id(), response.shape().wireName());
        remember(response.shape());
        NewapiListResponse again = client.list(request, response.shape());
        if (again.shape() != null && again.shape() != response.shape()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api changed its response shape between two calls");
        }
        return again;
    }

    private List<Task> tasks(NewapiListResponse response) {
        return MappedTasks.map(response.items(), mapper::toTask, info.id(), "task_id");
    }

    /**
     * True when no task can match, so no call is needed: only statuses new-api never has
     * (PAUSED, STOPPED), or a created range holding no whole second after the epoch.
     */
    private static boolean matchesNothing(Set<String> natives, Long start, Long end) {
        return (natives != null && natives.isEmpty())
                || (end != null && (end < 1 || (start != null && start > end)));
    }

    private void remember(NewapiShape shape) {
        if (shape != null) {
            seenShape = shape;
        }
    }

    /**
     * The native values the asked statuses stand for; null when any of them is open-ended
     * (UNKNOWN) or none was asked, an empty set when none can match.
     */
    private static Set<String> nativeStatuses(Set<TaskStatus> statuses) {
        if (statuses.isEmpty()) {
            return null;
        }
        Set<String> natives = new HashSet<>();
        for (TaskStatus status : statuses) {
            Set<String> values = NewapiTaskMapper.nativeStatuses(status);
            if (values == null) {
                return null;
            }
            natives.addAll(values);
        }
        return natives;
    }

    /**
     * The first whole second at or after an inclusive lower bound on createdAt ({@code created_at},
     * whole seconds); null when it excludes nothing.
     */
    private static Long startTimestamp(Instant createdFrom) {
        if (createdFrom == null) {
            return null;
        }
        long seconds = createdFrom.getEpochSecond() + (createdFrom.getNano() > 0 ? 1 : 0);
        return seconds < 1 ? null : seconds;
    }

    /**
     * {@code start_timestamp} for a createdAt lower bound. new-api filters on {@code submit_time},
     * stamped before the upstream submit and so up to {@link #SUBMIT_LAG_SECONDS} before
     * {@code created_at}: the bound moves that much earlier, or a task created after it but
     * submitted before it would be lost; the engine filters the extra rows out again. new-api
     * reads 0 as "no bound", so a bound that moves to 0 or below is left out.
     * ({@code end_timestamp} needs no margin: submit_time ≤ created_at.)
     */
    private static Long submittedFrom(Long createdFrom) {
        return createdFrom == null || createdFrom - SUBMIT_LAG_SECONDS < 1 ? null : createdFrom - SUBMIT_LAG_SECONDS;
    }

    /**
     * How long before its row is inserted a task's submit_time may be stamped: the upstream submit
     * call in between (seconds for Suno, about a minute seen for video). An assumption with margin.
     */
    static final long SUBMIT_LAG_SECONDS = 300;

    /** True when no page follows: a short page, or the total says so. */
    private static boolean isLast(NewapiListResponse response, int page, int requestedSize) {
        int size = response.items().size();
        if (response.shape() == NewapiShape.LEGACY) {
            return size < Math.min(requestedSize, NewapiShape.LEGACY_PAGE_SIZE);
        }
        long applied = response.pageSize() != null && response.pageSize() > 0 ? response.pageSize() : requestedSize;
        return size == 0 || size < applied || (response.total() != null && page * applied >= response.total());
    }
}
