package dev.taskgateway.core;

import java.util.Set;
import java.util.stream.Collectors;

/** The provider has no such action at all (HTTP 501). */
public class ActionNotSupportedException extends RuntimeException {

    public ActionNotSupportedException(SourceInfo info, TaskAction action) {
        super(info.provider() + " does not support '" + action.wireName() + "'; it supports: "
                + (info.actions().isEmpty() ? "no actions" : info.actions().stream()
                        .map(TaskAction::wireName).sorted().collect(Collectors.joining(", "))),
                null, false, false);
    }

    /** The provider does not offer {@code operation} on the source as a whole. */
    public ActionNotSupportedException(SourceInfo info, SourceOperation operation, Set<SourceOperation> offered) {
        super(info.provider() + " does not support '" + operation.wireName() + "'; it supports: "
                + (offered.isEmpty() ? "no source operations" : offered.stream()
                        .map(SourceOperation::wireName).sorted().collect(Collectors.joining(", "))),
                null, false, false);
    }
}
