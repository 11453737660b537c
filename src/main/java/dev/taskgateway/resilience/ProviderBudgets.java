package dev.taskgateway.resilience;

import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.system.SourcesProperties;
import dev.taskgateway.state.SharedState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The provider budgets of every source, one per scope: sources whose budget scope is the same (by
 * default for new-api, every source on the same host and port, since new-api counts per client IP)
 * spend one shared budget. Defaults follow each provider's published limit, else a documented guess
 * (docs/operations.md); {@code taskgateway.sources.<id>.budget.*} overrides them.
 */
public final class ProviderBudgets {

    /** A provider's default budget: its published limit where there is one. */
    private record Default(int limit, Duration period, String scope) {
    }

    private static final Map<String, Default> DEFAULTS = Map.of(
            "new-api", new Default(180, Duration.ofSeconds(180), "host"),   // GLOBAL_API_RATE_LIMIT, per IP
            "nxlink", new Default(600, Duration.ofSeconds(60), "source"),   // unpublished: a guess
            "longlonglong", new Default(300, Duration.ofSeconds(60), "source"), // unpublished: a guess
            "tikmatrix", new Default(1200, Duration.ofSeconds(60), "source")); // a local agent: a guess
    private static final Default FALLBACK = new Default(600, Duration.ofSeconds(60), "source");

    private final Map<String, ProviderBudget> byScope = new ConcurrentHashMap<>();
    private final Map<String, CallBudget> bySource = new ConcurrentHashMap<>();
    private final Map<String, CallBudget> sharedByScope = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    /** With {@code taskgateway.state.store=redis}, where replicas spend shared budgets; else null. */
    private final SharedState shared;

    public ProviderBudgets(MeterRegistry meters) {
        this(meters, null);
    }

    /** Budgets whose {@code sharing} is {@code shared} are spent in {@code shared} (null: every budget is local). */
    public ProviderBudgets(MeterRegistry meters, SharedState shared) {
        this.meters = meters;
        this.shared = shared;
    }

    /** The budget {@code settings}' source spends, made or shared; fails fast on conflicting settings. */
    CallBudget budgetOf(SourceSettings settings, SourcesProperties.Budget configured) {
        Default fallback = DEFAULTS.getOrDefault(settings.type(), FALLBACK);
        int limit = configured.getLimit() == null ? fallback.limit() : configured.getLimit();
        Duration period = configured.getPeriod() == null ? fallback.period() : configured.getPeriod();
        String prefix = settings.prefix() + ".budget";
        if (limit < 1) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".limit", limit, "must be at least 1");
        }
        if (period.isNegative() || period.isZero()) {
            throw new InvalidConfigurationPropertyValueException(prefix + ".period", period, "must be positive");
        }
        String scope = scope(settings, configured.getScope() == null ? fallback.scope() : configured.getScope());
        ProviderBudget budget = byScope.computeIfAbsent(scope, s -> register(new ProviderBudget(s, limit, period,
                System::nanoTime)));
        if (budget.limit() != limit || !budget.period().equals(period)) {
            throw new InvalidConfigurationPropertyValueException(prefix, limit + " per " + period,
                    "sources sharing the budget '" + scope + "' must agree on it; it is already " + budget.limit()
                            + " per " + budget.period());
        }
        CallBudget spent = budget;
        if (shared != null && !"per-replica".equals(sharing(settings, configured))) {
            spent = sharedByScope.computeIfAbsent(scope, s -> new SharedProviderBudget(shared, budget, System::nanoTime));
        }
        bySource.put(settings.id(), spent);
        return spent;
    }

    /** {@code shared} (the default) or {@code per-replica}; anything else fails start-up. */
    private static String sharing(SourceSettings settings, SourcesProperties.Budget configured) {
        String sharing = configured.getSharing() == null ? "shared" : configured.getSharing();
        if (!sharing.equals("shared") && !sharing.equals("per-replica")) {
            throw new InvalidConfigurationPropertyValueException(settings.prefix() + ".budget.sharing", sharing,
                    "must be 'shared' or 'per-replica'");
        }
        return sharing;
    }

    /** What {@code /sources} shows of a source's budget, or null when it has none. */
    public Status status(String sourceId) {
        CallBudget budget = bySource.get(sourceId);
        return budget == null ? null
                : new Status(budget.limit(), budget.period().toSeconds(), budget.remaining(), budget.scope());
    }

    /**
     * A budget as {@code /sources} shows it.
     *
     * @param remaining calls that may start now without waiting
     */
    public record Status(int limit, long periodSeconds, int remaining, String scope) {
    }

    /** {@code host} → the base URL's host and port; {@code source} → the source alone; anything else is a name. */
    private static String scope(SourceSettings settings, String scope) {
        return switch (scope) {
            case "host" -> {
                URI url = settings.baseUrl();
                int port = url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
                yield settings.type() + "@" + url.getHost() + ":" + port;
            }
            case "source" -> "source:" + settings.id();
            default -> scope;
        };
    }

    private ProviderBudget register(ProviderBudget budget) {
        // A shared budget's remaining calls are those of every replica together, read from the shared store.
        Gauge.builder("taskgateway.budget.remaining", budget, b -> sharedByScope.getOrDefault(b.scope(), b).remaining())
                .description("Calls a provider budget lets start now without waiting")
                .tag("scope", budget.scope()).register(meters);
        Gauge.builder("taskgateway.budget.limit", budget, ProviderBudget::limit)
                .description("Calls a provider budget allows per period")
                .tag("scope", budget.scope()).register(meters);
        return budget;
    }
}
