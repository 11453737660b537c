package dev.taskgateway.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed between two reads of one source's whole list. Only what both reads saw is
 * compared: a task outside the part of the list the earlier read covered (past a newest-first
 * run's frontier, or past a scan cap) is not "created", one outside the later read is not "removed".
 */
final class ChangeDiff {

    /** One difference, not yet numbered. */
    record Difference(TaskChange.Type type, Task task, Task previous) {
    }

    private ChangeDiff() {
    }

    /** The differences from {@code before} to {@code after}, in {@link Task#ORDER}, removals last. */
    static List<Difference> between(HeldRead before, HeldRead after) {
        List<Difference> differences = new ArrayList<>();
        for (Task now : after.sorted()) {
            Task then = before.task(now.id());
            if (then == null) {
                if (!before.truncated() && before.covers(now.position())) {
                    differences.add(new Difference(TaskChange.Type.CREATED, now.withoutRaw(), null));
                }
            } else if (changed(then, now)) {
                differences.add(new Difference(TaskChange.Type.CHANGED, now.withoutRaw(), then.withoutRaw()));
            }
        }
        for (Task then : before.sorted()) {
            if (after.task(then.id()) == null && !after.truncated() && after.covers(then.position())) {
                differences.add(new Difference(TaskChange.Type.REMOVED, then.withoutRaw(), then.withoutRaw()));
            }
        }
        return differences;
    }

    /** Status, progress and times: what a dashboard shows moving. */
    static boolean changed(Task then, Task now) {
        return then.status() != now.status()
                || !Objects.equals(then.nativeStatus(), now.nativeStatus())
                || !Objects.equals(then.statusReason(), now.statusReason())
                || !Objects.equals(then.progress(), now.progress())
                || !Objects.equals(then.updatedAt(), now.updatedAt())
                || !Objects.equals(then.startedAt(), now.startedAt())
                || !Objects.equals(then.finishedAt(), now.finishedAt());
    }
}
