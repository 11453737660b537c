package dev.taskgateway.providers.tikmatrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.SourceOperation;
import dev.taskgateway.core.SourceSettings;
import dev.taskgateway.core.TaskAction;
import dev.taskgateway.core.TaskKind;
import dev.taskgateway.core.TaskSource;
import dev.taskgateway.providers.ProviderDeclaration;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The {@code tikmatrix} provider type: what a source is made of its keys, and the keys it refuses at start-up. */
class TikmatrixConfigurationTests {

    private static final String PREFIX = "taskgateway.sources.tm.";

    private final ProviderDeclaration<TikmatrixProperties> factory = new TikmatrixConfiguration().tikmatrixProvider();

    @Test
    void factoryHandlesTheTikmatrixType() {
        assertThat(factory.type()).isEqualTo("tikmatrix");
    }

    @Test
    void defaultsAreAHundredPerPageTheStatusPushedAndStopRetryDelete() {
        TaskSource source = create(Map.of());
        SourceInfo info = source.info();

        assertThat(info.id()).isEqualTo("tm");
        assertThat(info.provider()).isEqualTo("tikmatrix");
        assertThat(info.kind()).isEqualTo(TaskKind.DEVICE_AUTOMATION);
        assertThat(info.ordering()).as("newest first is not promised").isEqualTo(Ordering.UNORDERED);
        assertThat(info.maxPageSize()).isEqualTo(100);
        assertThat(info.scanCap()).isEqualTo(5_000);
        assertThat(info.pushedFilters()).containsExactly("status");
        assertThat(info.actions()).containsExactlyInAnyOrder(TaskAction.STOP, TaskAction.RETRY, TaskAction.DELETE);
        assertThat(source.operations()).containsExactlyInAnyOrder(SourceOperation.CREATE,
                SourceOperation.BATCH_DELETE, SourceOperation.RETRY_FAILED);
    }

    @Test
    void pageSizeIsConfigurable() {
        assertThat(create(Map.of("page-size", "20")).info().maxPageSize()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "101"})
    void pageSizeOutOfRangeStopsStartUpNamingKeyAndValue(String pageSize) {
        InvalidConfigurationPropertyValueException e = catchThrowableOfType(
                InvalidConfigurationPropertyValueException.class, () -> create(Map.of("page-size", pageSize)));

        assertThat(e.getName()).isEqualTo(PREFIX + "page-size");
        assertThat(e.getValue()).isEqualTo(Integer.parseInt(pageSize));
        assertThat(e.getMessage()).contains(pageSize).contains("1 to 100");
    }

    private TaskSource create(Map<String, String> keys) {
        SourceSettings settings = new SourceSettings("tm", "tikmatrix", URI.create("http://127.0.0.1:9"), true,
                Duration.ofSeconds(2), ZoneOffset.UTC, 5_000);
        Map<String, String> properties = new HashMap<>();
        keys.forEach((k, v) -> properties.put(PREFIX + k, v));
        return factory.create(settings, new Binder(new MapConfigurationPropertySource(properties)), new OkHttpClient());
    }
}
