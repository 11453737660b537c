package dev.taskgateway.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * Spring Data Redis is configured only when the shared store is Redis (ReplicasOnRedisTests runs that
 * way); Spring Data Commons' web and repository-metrics support never (no repositories, no Pageable).
 */
class RedisOnlyWhenAskedTests {

    private static final String[] CANDIDATES = {
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        null,
        "org.springframework.boot.data.autoconfigure.web.DataWebAutoConfiguration",
        "org.springframework.boot.data.autoconfigure.metrics.DataRepositoryMetricsAutoConfiguration",
    };

    @Test
    void withTheDefaultMemoryStoreRedisIsLeftOutAndNothingElse() {
        assertThat(filter(new MockEnvironment()).match(CANDIDATES, null))
                .containsExactly(false, false, false, true, true, false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis", "REDIS", " redis "})
    void withTheRedisStoreRedisIsConfiguredButNotSpringDataCommons(String store) {
        MockEnvironment environment = new MockEnvironment().withProperty("taskgateway.state.store", store);
        assertThat(filter(environment).match(CANDIDATES, null))
                .containsExactly(true, true, true, true, true, false, false);
    }

    private static RedisOnlyWhenAsked filter(MockEnvironment environment) {
        RedisOnlyWhenAsked filter = new RedisOnlyWhenAsked();
        filter.setEnvironment(environment);
        return filter;
    }
}
