package dev.taskgateway.providers.longlonglong;

import dev.taskgateway.core.ActionConflictException;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.Task;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskId;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskNotFoundException;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.core.TaskStatus;
import dev.taskgateway.core.UpstreamPage;
import dev.taskgateway.core.UpstreamQuery;
import dev.taskgateway.providers.MappedTasks;
import dev.taskgateway.providers.Paging;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One Longlonglong main account (all its sub-accounts' 2.0 call tasks) as a {@link TaskSource}. */
public final class LonglonglongTaskSource implements TaskSource {

    /** Task ids are UUIDs; nothing else goes into a path. */
    static final Pattern NATIVE_ID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** Account ids (main and sub) are canonical UUIDs. */
    static final Pattern ACCOUNT_ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SourceInfo info;
    private final LonglonglongClient client;
    private final LonglonglongTaskMapper mapper;
    private final String userId;

    LonglonglongTaskSource(SourceInfo info, LonglonglongClient client, LonglonglongTaskMapper mapper, String userId) {
        this.info = info;
        this.client = client;
        this.mapper = mapper;
        this.userId = userId;
    }

    static SourceInfo info(String id, int pageSize, int scanCap, boolean pushNameFilter) {
        return new SourceInfo(id, LonglonglongTaskMapper.PROVIDER, TaskKind.OUTBOUND_CALL, Ordering.UNORDERED,
                pageSize, scanCap, pushNameFilter ? Set.of("q") : Set.of(), Set.of(TaskAction.PAUSE));
    }

    @Override
    public SourceInfo info() {
        return info;
    }

    /**
     * One list page. Only {@code name} can be pushed (when configured), and its matching rule is
     * undocumented, so {@code total} is exact only for a query with no filter at all.
     */
    @Override
    public UpstreamPage fetch(UpstreamQuery query) {
        String name = info.pushedFilters().contains("q") ? query.nameContains() : null;
        LonglonglongListResponse response = client.list(query.page(), query.pageSize(), name);
        boolean exact = query.statuses().isEmpty() && query.nameContains() == null
                && query.createdFrom() == null && query.createdUntil() == null;
        return new UpstreamPage(tasks(response), response.total(), exact, response.isLast(query.page()));
    }

    /** No 2.0 detail endpoint: details and the pause pre-read come from a read of the whole list. */
    @Override
    public boolean findsByScanning() {
        return true;
    }

    /** Scans the list for the task (there is no 2.0 detail endpoint), reading at most the scan cap. */
    @Override
    public Optional<Task> find(String nativeId) {
        if (nativeId == null || !NATIVE_ID.matcher(nativeId).matches()) {
            return Optional.empty();
        }
        return Paging.scan(info, page -> {
            LonglonglongListResponse response = client.list(page, info.maxPageSize(), null);
            return new Paging.ScanPage<>(tasks(response), response.tasks().size(), response.isLast(page));
        }, task -> task.id().nativeId().equalsIgnoreCase(nativeId));
    }

    /**
     * Pauses one enabled task: looks it up first (for its state and its sub-account, sent as
     * {@code sub_user_id}), then sends the pause once.
     */
    @Override
    public void perform(TaskAction action, String nativeId) {
        if (action != TaskAction.PAUSE) {
            TaskSource.super.perform(action, nativeId);
            return;
        }
        perform(action, find(nativeId).orElseThrow(() -> new TaskNotFoundException(TaskId.of(info.id(), nativeId))));
    }

    /**
     * Pauses a task the engine has just read (state checked, sub-account known), with one call:
     * the engine's pre-read, bounded by the request deadline, replaces a scan of our own.
     */
    @Override
    public void perform(TaskAction action, Task task) {
        if (action != TaskAction.PAUSE) {
            TaskSource.super.perform(action, task);
            return;
        }
        if (!task.actions().contains(TaskAction.PAUSE)) {
            throw new ActionConflictException(conflict(task));
        }
        if (!client.pause(task.id().nativeId(), subUserId(task.owner()))) {
            throw new TaskNotFoundException(task.id());
        }
    }

    private static String conflict(Task task) {
        if (task.status() == TaskStatus.PAUSED) {
            return "task is already paused";
        }
        if (task.status() == TaskStatus.FAILED) {
            return "task is abnormal (its remote task is missing): delete and recreate it instead";
        }
        return "task is in a state Longlonglong does not document (" + task.nativeStatus() + "); it cannot be paused";
    }

    /** The task's sub-account, or null when it is the main account itself or unknown. */
    private String subUserId(String owner) {
        return owner == null || !ACCOUNT_ID.matcher(owner).matches() || owner.equalsIgnoreCase(userId) ? null : owner;
    }

    private List<Task> tasks(LonglonglongListResponse response) {
        return MappedTasks.map(response.tasks(), mapper::toTask, info.id(), "uuid");
    }
}
