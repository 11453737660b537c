package dev.taskgateway.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer of {@code GET /sources}: every configured source, in configuration order. */
@Schema(name = "SourceList")
public record SourceListBody(List<SourceBody> sources) {
}
