package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/** One TikMatrix PC as a {@link TaskSource}. */
public final class TikmatrixTaskSource implements TaskSource {

    private static final Logger LOG = LoggerFactory.getLogger(TikmatrixTaskSource.class);
    /** TikMatrix task ids are integers; anything else can never be one of its tasks. */
    private static final Pattern NATIVE_ID = Pattern.compile("[0-9]{1,18}");

    private final SourceInfo info;
    private final TikmatrixClient client;
    private final TikmatrixTaskMapper mapper;

    TikmatrixTaskSource(SourceInfo info, TikmatrixClient client, TikmatrixTaskMapper mapper) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
    }

    static SourceInfo info(String id, int pageSize, int scanCap) {
        return new SourceInfo(id, TikmatrixTaskMapper.PROVIDER, TaskKind.DEVICE_AUTOMATION, Ordering.UNORDERED,
                pageSize, scanCap, Set.of("status"),
                Set.of(TaskAction.STOP, TaskAction.RETRY, TaskAction.DELETE));
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        Integer status = query.statuses().size() == 1
                ? TikmatrixTaskMapper.nativeStatus(query.statuses().iterator().next()) : null;
        boolean statusPushed = status != null || query.statuses().isEmpty();
        TikmatrixListResponse response = client.list(status, query.page(), query.pageSize());
        List<Task> tasks = new ArrayList<>(response.tasks().size());
        for (JsonNode node : response.tasks()) {
            try {
                tasks.add(mapper.toTask(node));
            } catch (IllegalArgumentException e) {
                LOG.warn("source {} sent a task without a usable id; it cannot be listed", info.id());
            }
        }
        Long total = response.total();
        boolean last = response.tasks().isEmpty() || response.tasks().size() < query.pageSize()
                || (total != null && (long) query.page() * query.pageSize() >= total);
        boolean exact = statusPushed && query.nameContains() == null && query.createdFrom() == null
                && query.createdUntil() == null;
        return new UpstreamPage(tasks, total, exact, last);
    }

    @Override
    public Optional<Task> find(String nativeId) {
        if (!NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        return client.task(Long.parseLong(nativeId)).map(mapper::toTask);
    }

}
