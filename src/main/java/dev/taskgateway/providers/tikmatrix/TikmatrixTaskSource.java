package dev.taskgateway.providers.tikmatrix;

import dev.taskgateway.core.ActionNotSupportedException;
import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import dev.taskgateway.core.ItemOutcome;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceOperation;
import dev.taskgateway.core.TaskFilter;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.LenientJson;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.Paging;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/** One TikMatrix PC as a {@link TaskSource}. */
public final class TikmatrixTaskSource implements TaskSource {

    /** TikMatrix task ids are integers; anything else can never be one of its tasks. */
    private static final Pattern NATIVE_ID = Pattern.compile("[0-9]{1,18}");
    /** Existence checks of one batch delete in flight at once: fast, yet gentle on a desktop app. */
    private static final int PARALLEL_CHECKS = 8;
    /** Threads for those checks, shared by every PC; idle ones end after a minute. */
    private static final ExecutorService CHECKS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tikmatrix-check");
        thread.setDaemon(true);
        return thread;
    });

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
        List<Task> tasks = MappedTasks.map(response.tasks(), mapper::toTask, info.id(), "id");
        Long total = response.total();
        boolean last = Paging.isLast(response.tasks().size(), query.pageSize(), total, query.page());
        boolean exact = statusPushed && query.nameContains() == null && query.createdFrom() == null
                && query.createdUntil() == null;
        return new UpstreamPage(tasks, total, exact, last);
    }

    @Override
    public Set<SourceOperation> operations() {
        return Set.of(SourceOperation.CREATE, SourceOperation.BATCH_DELETE, SourceOperation.RETRY_FAILED);
    }

    @Override
    public void perform(TaskAction action, String nativeId) {
        long id = nativeId(nativeId);
        try {
            switch (action) {
                case STOP -> client.action(id, "stop");
                case RETRY -> client.action(id, "retry");
                case DELETE -> client.delete(id);
                default -> throw new ActionNotSupportedException(info, action);
            }
        } catch (TikmatrixClient.NotFound e) {
            throw new TaskNotFoundException(TaskId.of(info.id(), nativeId));
        }
    }

    /**
     * One batch call for the tasks that exist; ids that are not TikMatrix task numbers, or that
     * the PC does not have, are reported as not found (TikMatrix's batch answer gives only a count).
     * Existence is checked with at most {@value #PARALLEL_CHECKS} reads at a time (the list cannot
     * filter by id), so 100 ids cost about 13 round trips, not 100; the caller's deadline
     * interrupts them all.
     */
    @Override
    public List<ItemOutcome> deleteAll(List<String> nativeIds) {
        List<String> ids = nativeIds.stream().distinct().toList();
        boolean[] exists = existence(ids);
        List<ItemOutcome> outcomes = new ArrayList<>();
        List<Long> existing = new ArrayList<>();
        List<TaskId> existingIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            TaskId id = TaskId.of(info.id(), ids.get(i));
            if (!exists[i]) {
                outcomes.add(ItemOutcome.failed(id, new TaskNotFoundException(id)));
            } else {
                existing.add(Long.parseLong(ids.get(i)));
                existingIds.add(id);
            }
        }
        if (!existing.isEmpty()) {
            client.deleteBatch(existing);
            existingIds.forEach(id -> outcomes.add(ItemOutcome.done(id)));
        }
        return outcomes;
    }

    /** Whether each id is a task of this PC, read by up to {@value #PARALLEL_CHECKS} workers at once. */
    private boolean[] existence(List<String> ids) {
        boolean[] exists = new boolean[ids.size()];
        AtomicInteger next = new AtomicInteger();
        CallContext context = CallContext.current();
        Map<String, String> log = MDC.getCopyOfContextMap();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(PARALLEL_CHECKS, ids.size()); w++) {
            workers.add(CHECKS.submit(() -> {
                if (log != null) {
                    MDC.setContextMap(log);
                }
                try (CallContext.Scope scope = CallContext.open(context)) {
                    for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                        exists[i] = find(ids.get(i)).isPresent();
                    }
                } finally {
                    MDC.clear();
                }
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException(ErrorCode.UPSTREAM_TIMEOUT, "the existence checks were abandoned at the deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            workers.forEach(worker -> worker.cancel(true));
        }
        return exists;
    }

    @Override
    public void retryFailed() {
        client.retryAll();
    }

    @Override
    public List<String> create(Map<String, Object> body) {
        byte[] wire = TikmatrixCreateRequest.validate(body);
        return client.create(wire).stream().map(String::valueOf).toList();
    }

    /** TikMatrix's own counters answer a filter that asks for nothing but statuses. */
    @Override
    public Optional<Map<TaskStatus, Long>> counts(TaskFilter filter) {
        if (filter.nameContains() != null || filter.createdFrom() != null || filter.createdTo() != null) {
            return Optional.empty();
        }
        JsonNode stats = client.stats();
        Map<TaskStatus, Long> counts = new EnumMap<>(TaskStatus.class);
        counts.put(TaskStatus.PENDING, count(stats, "pending"));
        counts.put(TaskStatus.RUNNING, count(stats, "running"));
        counts.put(TaskStatus.SUCCEEDED, count(stats, "completed"));
        counts.put(TaskStatus.FAILED, count(stats, "failed"));
        // Tasks in a status outside 0-3 are in the total but in none of the four counters.
        long known = counts.values().stream().mapToLong(Long::longValue).sum();
        counts.put(TaskStatus.UNKNOWN, Math.max(0, count(stats, "total") - known));
        if (!filter.statuses().isEmpty()) {
            counts.keySet().retainAll(filter.statuses());
        }
        return Optional.of(counts);
    }

    private static long count(JsonNode stats, String field) {
        Long value = LenientJson.longValue(stats, field);
        return value == null ? 0 : value;
    }

    private long nativeId(String nativeId) {
        if (!NATIVE_ID.matcher(nativeId).matches()) {
            throw new TaskNotFoundException(TaskId.of(info.id(), nativeId));
        }
        return Long.parseLong(nativeId);
    }

    @Override
    public Optional<Task> find(String nativeId) {
        if (!NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        return client.task(Long.parseLong(nativeId)).map(mapper::toTask);
    }

}
