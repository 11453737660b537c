package dev.taskgateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskgateway.core.ErrorCode;
import dev.taskgateway.core.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** new-api's 180 per 180 s, as the provider counts it, on a clock the test moves. */
class ProviderBudgetTests {

    private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
    private final ProviderBudget budget = new ProviderBudget("new-api@host:443", 180, Duration.ofSeconds(180), now::get);

    @Test
    void aBurstOfTheWholeLimitGoesThroughAtOnce() {
        List<ProviderBudget.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 180; i++) {
            permits.add(budget.acquire(deadlineIn(Duration.ZERO)));
        }
        assertThat(permits).hasSize(180);
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void theNextCallIsRefusedWhenNoSlotFreesBeforeTheDeadline() {
        fill();
        advance(Duration.ofSeconds(100));

        assertThatThrownBy(() -> budget.acquire(deadlineIn(Duration.ofSeconds(8))))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
                    assertThat(e.retryAfterSeconds()).isEqualTo(81L);
                    assertThat(e.getMessage()).contains("180 calls per 180 s", "new-api@host:443")
                            .doesNotContain("null");
                });
    }

    @Test
    void aSlotFreesOnlyAPeriodAndASecondAfterItsAnswerCameBack() {
        fill();
        advance(Duration.ofSeconds(180));
        assertThat(budget.remaining()).isZero();   // the provider may have stamped it up to a second later

        advance(Duration.ofSeconds(1));

        assertThat(budget.remaining()).isEqualTo(180);
    }

    @Test
    void callsStillInFlightHoldTheirSlotsHoweverOld() {
        ProviderBudget.Permit slow = budget.acquire(deadlineIn(Duration.ZERO));
        for (int i = 0; i < 179; i++) {
            budget.acquire(deadlineIn(Duration.ZERO)).close();
        }
        advance(Duration.ofMinutes(10));

        assertThat(budget.remaining()).isEqualTo(179);
        slow.close();
        assertThat(budget.remaining()).isEqualTo(179);
    }

    @Test
    void aPassedDeadlineRefusesWithoutWaiting() {
        fill();

        assertThatThrownBy(() -> budget.acquire(now.get() - 1)).isInstanceOf(SourceException.class);
    }

    private void fill() {
        for (int i = 0; i < 180; i++) {
            budget.acquire(deadlineIn(Duration.ZERO)).close();
        }
    }

    private long deadlineIn(Duration time) {
        return now.get() + time.toNanos();
    }

    private void advance(Duration time) {
        now.addAndGet(time.toNanos());
    }
}
