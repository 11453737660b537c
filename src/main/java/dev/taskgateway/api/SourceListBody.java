package dev.taskgateway.api;

import dev.taskgateway.state.SharedStateStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * The answer of {@code GET /sources}: every configured source, in configuration order, and whether
 * the store replicas share state in answers.
 */
@Schema(name = "SourceList")
public record SourceListBody(List<SourceBody> sources,
                             @Schema(description = "where replica-shared state is kept and whether it answers; "
                                     + "while it does not, reads go on from local state and actions with an "
                                     + "Idempotency-Key are refused with 503") SharedState sharedState) {

    /** The store of {@code taskgateway.state.store} as shown. */
    @Schema(name = "SharedState")
    public record SharedState(@Schema(allowableValues = {"memory", "redis"}) String store, boolean available,
                              @Schema(description = "when it last became available or not, or null") Instant since,
                              @Schema(description = "why the last call failed, or null") String lastError) {

        static SharedState from(SharedStateStatus.Snapshot snapshot) {
            return new SharedState(snapshot.store(), snapshot.available(), snapshot.since(), snapshot.lastError());
        }
    }
}
