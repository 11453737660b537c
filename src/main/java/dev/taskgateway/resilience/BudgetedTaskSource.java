package dev.taskgateway.resilience;

import dev.taskgateway.core.CallContext;
import dev.taskgateway.core.ForwardingTaskSource;
import dev.taskgateway.core.TaskSource;
import java.util.function.Supplier;

/**
 * Spends one slot of the source's {@link ProviderBudget} per call that reaches the provider, reads
 * and actions alike, waiting for a slot within the request's deadline. Sources reaching the same
 * provider host share one budget, as the provider counts per client IP.
 */
public final class BudgetedTaskSource extends ForwardingTaskSource {

    private final CallBudget budget;

    BudgetedTaskSource(TaskSource delegate, CallBudget budget) {
        super(delegate);
        this.budget = budget;
    }

    @Override
    protected <T> T read(Supplier<T> call) {
        return spent(call);
    }

    @Override
    protected <T> T act(Supplier<T> call) {
        return spent(call);
    }

    private <T> T spent(Supplier<T> call) {
        Long deadline = CallContext.current().deadlineNanos();
        try (ProviderBudget.Permit permit = budget.acquire(deadline == null ? Long.MAX_VALUE : deadline)) {
            return call.get();
        }
    }
}
