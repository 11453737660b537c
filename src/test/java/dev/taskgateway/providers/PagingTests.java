package dev.taskgateway.providers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.taskgateway.core.Ordering;
import dev.taskgateway.core.SourceInfo;
import dev.taskgateway.core.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** The adapters' one last-page rule and one list scan. */
class PagingTests {

    @ParameterizedTest(name = "{0} items of {1}, total {2}, page {3}: last={4}")
    @CsvSource(nullValues = "-", value = {
            "0,  10, -,  1, true",   // empty page
            "9,  10, -,  1, true",   // short page
            "10, 10, -,  1, false",  // full page, no total: read on
            "10, 10, 20, 2, true",   // the total is reached
            "10, 10, 21, 2, false",
            "10, 10, 0,  1, true",   // a total of 0 under a full page ends it too
            "3,  3,  9,  3, true"})
    void aPageIsLastWhenEmptyShortOrAtTheTotal(int items, long pageSize, Long total, long page, boolean last) {
        assertThat(Paging.isLast(items, pageSize, total, page)).isEqualTo(last);
    }

    @ParameterizedTest(name = "{0} items, asked {1}, current {2}, last {3}, has_pages {4}: last={5}")
    @CsvSource(nullValues = "-", value = {
            "0,  1, -, 5, -,     true",   // empty always ends
            "15, 2, -, 3, -,     false",  // current page from the request
            "15, 2, 3, 3, -,     true",   // current page as the provider says
            "3,  1, -, -, -,     false",  // short page without paginator fields: not trusted, read on
            "3,  1, -, -, false, true",
            "3,  1, -, -, true,  false"})
    void aPaginatorSaysItselfWhichPageIsLast(int items, long asked, Long current, Long lastPage, Boolean hasPages,
                                             boolean last) {
        assertThat(Paging.isLastByPaginator(items, asked, current, lastPage, hasPages)).isEqualTo(last);
    }

    @Test
    void scanStopsAtTheFirstMatchReadingNoFurtherPage() {
        List<Integer> asked = new ArrayList<>();

        Optional<Integer> found = Paging.scan(info(1_000), page -> page(asked, page, 10, 95), n -> n == 14);

        assertThat(found).contains(14);
        assertThat(asked).containsExactly(1, 2);
    }

    @Test
    void scanEndsEmptyAtTheLastPage() {
        List<Integer> asked = new ArrayList<>();

        assertThat(Paging.scan(info(1_000), page -> page(asked, page, 10, 25), n -> n == 99)).isEmpty();
        assertThat(asked).containsExactly(1, 2, 3);
    }

    @Test
    void scanGivesUpAtTheScanCapAndSaysSo() {
        List<Integer> asked = new ArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Paging.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            assertThat(Paging.scan(info(15), page -> page(asked, page, 10, 95), n -> n == 50)).isEmpty();
        } finally {
            logger.detachAppender(log);
        }

        assertThat(asked).containsExactly(1, 2);
        assertThat(log.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).contains("source scanned").contains("15"));
    }

    /** Page {@code page} of the items 0 .. total-1, {@code size} a page, recording that it was read. */
    private static Paging.ScanPage<Integer> page(List<Integer> asked, int page, int size, int total) {
        asked.add(page);
        List<Integer> items = IntStream.range((page - 1) * size, Math.min(page * size, total)).boxed().toList();
        return new Paging.ScanPage<>(items, items.size(), Paging.isLast(items.size(), size, (long) total, page));
    }

    private static SourceInfo info(int scanCap) {
        return new SourceInfo("scanned", "fake", TaskKind.GENERATION, Ordering.UNORDERED, 10, scanCap, Set.of(), Set.of());
    }
}
