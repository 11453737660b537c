package dev.taskgateway.resilience;

import java.time.Duration;

/**
 * A provider budget as {@link BudgetedTaskSource} spends it and {@code /sources} shows it: this
 * replica's own sliding log ({@link ProviderBudget}), or one kept in the shared store for every
 * replica ({@link SharedProviderBudget}).
 */
interface CallBudget {

    /** A permit, waiting for one within {@code deadlineNanos}; see {@link ProviderBudget#acquire}. */
    ProviderBudget.Permit acquire(long deadlineNanos);

    /** Calls that may start now without waiting. */
    int remaining();

    int limit();

    Duration period();

    String scope();
}
