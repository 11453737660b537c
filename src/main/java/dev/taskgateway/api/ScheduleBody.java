package dev.taskgateway.api;

import dev.taskgateway.core.TaskSchedule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A task's planned window as the API shows it (DESIGN §4 {@code schedule}). */
@Schema(name = "TaskSchedule", description = "A planned window, not what happened: startedAt/finishedAt say that.")
public record ScheduleBody(
        @Schema(types = {"string", "null"}, format = "date-time", description = "planned start",
                example = "2024-11-16T01:00:00Z") Instant start,
        @Schema(types = {"string", "null"}, format = "date-time", description = "planned end or pause")
        Instant end) {

    /** The body of {@code schedule}, or null for none. */
    static ScheduleBody from(TaskSchedule schedule) {
        return schedule == null ? null : new ScheduleBody(schedule.start(), schedule.end());
    }
}
