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
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.Paging;
import dev.taskgateway.providers.PushedFilters;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One new-api task center (a user's or, with an admin token, everyone's) as a {@link TaskSource}. */
public final class NewApiTaskSource implements TaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(NewApiTaskSource.class);
    private static final int MAX_PAGE_SIZE = 100;

    private final SourceInfo info;
    private final NewApiClient client;
    private final NewApiTaskMapper mapper;
    private final NewApiShape configuredShape;
    private volatile NewApiShape seenShape;

    /** A source paging by {@code configuredShape}, or by whatever it detects when that is null (auto). */
    NewApiTaskSource(SourceInfo info, NewApiClient client, NewApiTaskMapper mapper, NewApiShape configuredShape) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
        this.configuredShape = configuredShape;
    }

    static SourceInfo info(String id, int pageSize, int scanCap) {
        return new SourceInfo(id, NewApiTaskMapper.PROVIDER, TaskKind.GENERATION, Ordering.NEWEST_FIRST,
                pageSize, scanCap, Set.of("status", "createdFrom", "createdTo"), Set.of());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /** The response shape of the last answer that showed one: {@code current}, {@code legacy} or {@code unknown}. */
    public String detectedShape() {
        NewApiShape shape = seenShape;
        return shape == null ? "unknown" : shape.wireName();
    }

    /**
     * new-api lists by {@code id DESC} and tasks are dated by {@code created_at}, which the database
     * row gets when it is inserted, in whole seconds: id order and created_at order agree, except
     * that two inserts racing across a second boundary can take their ids in the other order. One
     * second covers that. ({@code submit_time} is stamped before the upstream submit call, tens of
     * seconds ahead of the insert for a slow video submit, so it is not what the list is ordered by.)
     */
    @Override
    public Duration orderSkew() {
        return Duration.ofSeconds(1);
    }

    /**
     * Pushes a status that is one native value and the created upper bound (as {@code end_timestamp},
     * which new-api compares with {@code submit_time}: stamped before {@code created_at}, so every
     * task created before the bound is in the answer, and the gateway drops the few submitted before
     * it but created after). The lower bound is not pushed: it would hide tasks submitted before it
     * and created after; a newest-first read stops by itself once it passes it.
     */
    @Override
    public Optional<UpstreamQuery> pushed(UpstreamQuery query) {
        Set<String> natives = nativeStatuses(query.statuses());
        Long end = query.createdUntil() == null ? null : query.createdUntil().getEpochSecond();
        if (matchesNothing(natives, PushedFilters.firstWholeSecond(query.createdFrom()), end)) {
            return Optional.empty();
        }
        Set<TaskStatus> statuses = PushedFilters.onlyValue(natives) != null ? query.statuses() : Set.of();
        return Optional.of(new UpstreamQuery(statuses, null, null, query.createdUntil(), query.page(),
                Math.min(query.pageSize(), MAX_PAGE_SIZE)));
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
        Long end = query.createdUntil() == null ? null : query.createdUntil().getEpochSecond();
        if (matchesNothing(natives, PushedFilters.firstWholeSecond(query.createdFrom()), end)) {
            return new UpstreamPage(List.of(), 0L, true, true);
        }
        String status = PushedFilters.onlyValue(natives);
        int pageSize = Math.min(query.pageSize(), MAX_PAGE_SIZE);
        NewApiListResponse response = list(new NewApiListRequest(status, null, end, null, query.page(), pageSize));
        boolean statusPushed = query.statuses().isEmpty() || status != null;
        // The time bounds are on submit_time, not createdAt: a total under one is an estimate.
        boolean exact = statusPushed && query.nameContains() == null && query.createdFrom() == null && end == null;
        return new UpstreamPage(tasks(response), response.total(), exact, isLast(response, query.page(), pageSize));
    }

    @Override
    public Optional<Task> find(String nativeId) {
        if (nativeId == null || !NewApiTaskMapper.NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        // task_id is matched with the database's collation (case-insensitive on MySQL): compare exactly.
        return list(NewApiListRequest.byTaskId(nativeId)).items().stream()
                .filter(node -> nativeId.equals(LenientJson.text(node, "task_id")))
                .findFirst()
                .map(mapper::toTask);
    }

    /**
     * One list call, paged by the shape in force. When the answer comes in the other shape, the
     * page asked for was the wrong one: with {@code api-shape: auto} the source switches and asks
     * again (once per switch); with a fixed shape that is a misconfiguration.
     */
    private NewApiListResponse list(NewApiListRequest request) {
        NewApiShape assumed = configuredShape != null ? configuredShape
                : seenShape != null ? seenShape : NewApiShape.CURRENT;
        NewApiListResponse response = client.list(request, assumed);
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
        NewApiListResponse again = client.list(request, response.shape());
        if (again.shape() != null && again.shape() != response.shape()) {
            throw new SourceException(ErrorCode.UPSTREAM_BAD_RESPONSE, "new-api changed its response shape between two calls");
        }
        return again;
    }

    private List<Task> tasks(NewApiListResponse response) {
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

    private void remember(NewApiShape shape) {
        if (shape != null) {
            seenShape = shape;
        }
    }

    /** The native values the asked statuses stand for ({@link PushedFilters#nativeStatuses}). */
    private static Set<String> nativeStatuses(Set<TaskStatus> statuses) {
        return PushedFilters.nativeStatuses(statuses, NewApiTaskMapper::nativeStatuses);
    }

    /** True when no page follows: a short page, or the total says so. */
    private static boolean isLast(NewApiListResponse response, int page, int requestedSize) {
        int size = response.items().size();
        if (response.shape() == NewApiShape.LEGACY) {
            return Paging.isLast(size, Math.min(requestedSize, NewApiShape.LEGACY_PAGE_SIZE), null, page);
        }
        long applied = response.pageSize() != null && response.pageSize() > 0 ? response.pageSize() : requestedSize;
        return Paging.isLast(size, applied, response.total(), page);
    }
}
