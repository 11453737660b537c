package dev.taskgateway.providers.nxlink;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.Paging;
import dev.taskgateway.providers.PushedFilters;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** One NXLink account (one region's API gateway and key pair) as a {@link TaskSource}. */
public final class NxlinkTaskSource implements TaskSource {

    /** NXLink task ids are UUIDs ({@code taskId}), or the numeric {@code id} of an item without one. */
    private static final Pattern NATIVE_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9]{1,18}");
    /** The time filters are int32 seconds upstream (nxai-bot OpenAPI: {@code format: int32}). */
    private static final long MAX_SECONDS = Integer.MAX_VALUE;

    private final SourceInfo info;
    private final NxlinkClient client;
    private final NxlinkTaskMapper mapper;

    NxlinkTaskSource(SourceInfo info, NxlinkClient client, NxlinkTaskMapper mapper) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
    }

    static SourceInfo info(String id, int pageSize, int scanCap) {
        return new SourceInfo(id, NxlinkTaskMapper.PROVIDER, TaskKind.OUTBOUND_CALL, Ordering.UNORDERED,
                pageSize, scanCap, Set.of("status", "createdFrom", "createdTo"), Set.of());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /**
     * Pushes the created range (whole seconds) and a status that is exactly one native value;
     * {@code q} stays in the gateway because NXLink does not say whether {@code taskName} matches
     * exactly or by substring, and an exact match would hide tasks no later filter can bring back.
     */
    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        Set<Integer> natives = PushedFilters.nativeStatuses(query.statuses(), NxlinkTaskMapper::nativeStatuses);
        if (natives != null && natives.isEmpty()) {
            // Only STOPPED asked: NXLink has no stopped state, so none of its tasks can match.
            return new UpstreamPage(List.of(), 0L, true, true);
        }
        Integer status = PushedFilters.onlyValue(natives);
        Long from = lowerBound(query.createdFrom());
        boolean fromPushed = query.createdFrom() == null || from != null;
        NxlinkListRequest request = new NxlinkListRequest(null, status, from, upperBound(query.createdUntil()),
                query.page(), Math.min(query.pageSize(), info.maxPageSize()));
        NxlinkListResponse response = client.list(request);
        List<Task> tasks = map(response.tasks());
        Long total = response.total();
        boolean last = Paging.isLast(response.tasks().size(), request.pageSize(), total, request.pageNumber());
        boolean exact = (query.statuses().isEmpty() || status != null) && query.nameContains() == null && fromPushed;
        return new UpstreamPage(tasks, total, exact, last);
    }

    /** No detail endpoint and no id filter: details come from a read of the whole list. */
    @Override
    public boolean findsByScanning() {
        return true;
    }

    /**
     * There is no detail endpoint and no id filter, so this pages through the whole list (up to
     * the scan cap) looking for the task. Ids that cannot be NXLink's are answered without a call.
     */
    @Override
    public Optional<Task> find(String nativeId) {
        if (nativeId == null || !NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        return Paging.scan(info, page -> {
            NxlinkListResponse response = client.list(NxlinkListRequest.page(page, info.maxPageSize()));
            int read = response.tasks().size();
            return new Paging.ScanPage<>(response.tasks(), read,
                    Paging.isLast(read, info.maxPageSize(), response.total(), page));
        }, node -> nativeId.equalsIgnoreCase(NxlinkTaskMapper.nativeId(node))).map(mapper::toTask);
    }

    /**
     * {@code createTs} is whole seconds, so "at or after {@code from}" is exactly "at or after
     * ceil(from)". Before 1970 bounds nothing; past the int32 range it cannot be sent (null).
     */
    static Long lowerBound(Instant from) {
        Long seconds = PushedFilters.firstWholeSecond(from);
        if (seconds == null) {
            return null;
        }
        return seconds > MAX_SECONDS ? null : Math.max(0, seconds);
    }

    /**
     * "At or before {@code until}" is exactly "at or before floor(until)" for whole seconds. Past
     * the int32 range it is left out: every task NXLink can hold was created before then.
     */
    static Long upperBound(Instant until) {
        if (until == null) {
            return null;
        }
        long seconds = until.getEpochSecond();
        return seconds > MAX_SECONDS ? null : Math.max(0, seconds);
    }

    private List<Task> map(List<JsonNode> nodes) {
        return MappedTasks.map(nodes, mapper::toTask, info.id(), "taskId or id");
    }
}
