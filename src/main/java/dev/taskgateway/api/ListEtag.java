package dev.taskgateway.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ETag of a list answer: a weak one over the tasks, the paging and each source's state, total
 * and error code, leaving out the timing fields ({@code latencyMs}, {@code fetchedAt},
 * {@code ageSeconds}). Those change on every call, so a body hash would never match and a client
 * revalidating an unchanged list would never get its 304.
 */
final class ListEtag {

    private ListEtag() {
    }

    static String of(TaskListBody body, JsonMapper mapper) {
        TaskListBody stable = new TaskListBody(body.items(), body.page(), body.sources().stream()
                .map(s -> new SourceReportBody(s.id(), s.provider(), s.state(), null, null, null, s.total(),
                        s.truncated(), s.error() == null ? null
                                : new SourceReportBody.ErrorBody(s.error().code(), null, null)))
                .toList(), body.complete());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(stable));
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
