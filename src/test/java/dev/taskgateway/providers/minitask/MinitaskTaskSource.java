package dev.taskgateway.providers.minitask;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.Paging;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One Minitask account as a {@link TaskSource}: nothing is pushed, the gateway filters. */
public final class MinitaskTaskSource implements TaskSource {

    private final SourceInfo info;
    private final MinitaskClient client;
    private final MinitaskTaskMapper mapper;

    MinitaskTaskSource(SourceInfo info, MinitaskClient client, MinitaskTaskMapper mapper) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
    }

    static SourceInfo info(String id, int pageSize, int scanCap) {
        return new SourceInfo(id, MinitaskTaskMapper.PROVIDER, TaskKind.GENERATION, Ordering.UNORDERED,
                pageSize, scanCap, Set.of(), Set.of());
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        int limit = Math.min(query.pageSize(), info.maxPageSize());
        MinitaskListResponse response = client.list(query.page(), limit);
        boolean exact = query.statuses().isEmpty() && query.nameContains() == null
                && query.createdFrom() == null && query.createdUntil() == null;
        return new UpstreamPage(tasks(response), response.total(), exact,
                Paging.isLast(response.jobs().size(), limit, response.total(), query.page()));
    }

    /** No detail endpoint: details come from a read of the whole list. */
    @Override
    public boolean findsByScanning() {
        return true;
    }

    @Override
    public Optional<Task> find(String nativeId) {
        return Paging.scan(info, page -> {
            MinitaskListResponse response = client.list(page, info.maxPageSize());
            int read = response.jobs().size();
            return new Paging.ScanPage<>(tasks(response), read,
                    Paging.isLast(read, info.maxPageSize(), response.total(), page));
        }, task -> task.id().nativeId().equals(nativeId));
    }

    private List<Task> tasks(MinitaskListResponse response) {
        return MappedTasks.map(response.jobs(), mapper::toTask, info.id(), "ref");
    }
}
