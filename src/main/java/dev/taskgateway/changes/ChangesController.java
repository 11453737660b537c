package dev.taskgateway.changes;

import dev.taskgateway.api.FilterParameters;
import dev.taskgateway.api.TaskQueryParser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code GET /tasks/changes}: the change stream as Server-Sent Events. */
@RestController
@Tag(name = "Tasks")
class ChangesController {

    private final ChangeStreams streams;
    private final TaskQueryParser parser;

    ChangesController(ChangeStreams streams, TaskQueryParser parser) {
        this.streams = streams;
        this.parser = parser;
    }

    @GetMapping(path = "/tasks/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Changes of tasks as they happen (Server-Sent Events)", description = """
            Events `created`, `changed` (status, progress or times) and `removed`, each with an `id:` and \
            a JSON `TaskChange` (the task normalized, without raw, and its previous status). Detected by \
            diffing successive reads of each selected source at its fresh TTL while anyone listens; \
            every stream shares them. The filters are those of `/tasks`; a `changed` event is sent when \
            the task matches before or after. Send `Last-Event-ID` to resume: within the retention \
            window nothing is lost; beyond it (or after a restart) the stream opens with a `resync` \
            event: list `/tasks` again. Idle streams get a `:heartbeat` comment.""")
    @FilterParameters
    @Parameter(in = ParameterIn.HEADER, name = "Last-Event-ID", description = "the id of the last event received",
            schema = @Schema(type = "string", example = "3f2a9c1e-42"))
    @ApiResponse(responseCode = "200", description = "an endless event stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                    schema = @Schema(implementation = ChangeEventBody.class)))
    @ApiResponse(responseCode = "400", description = "a bad filter, named")
    @ApiResponse(responseCode = "503", description = "too many open streams")
    SseEmitter changes(@Parameter(hidden = true) HttpServletRequest request,
                       @Parameter(hidden = true) @RequestHeader(value = "Last-Event-ID", required = false)
                       String lastEventId) {
        return streams.open(parser.stats(request.getParameterMap()),
                lastEventId == null || lastEventId.isBlank() ? null : lastEventId.trim());
    }
}
