package dev.taskgateway.core;

/**
 * The fresh read an action makes of its task before acting failed, so the action was never sent:
 * the same failure as the read's, marked so callers know the provider was not asked to act.
 */
public final class PreReadFailedException extends SourceException {

    PreReadFailedException(SourceException readFailure) {
        super(readFailure.code(), readFailure.getMessage(), readFailure.retryAfterSeconds(), readFailure);
    }
}
