package dev.taskgateway.providers;

import dev.taskgateway.core.SourceInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How adapters tell the last page of a provider's list, and find a task by reading that list. */
public final class Paging {

    private static final Logger LOG = LoggerFactory.getLogger(Paging.class);

    private Paging() {
    }

    /**
     * True when no page follows page {@code page} (from 1) of {@code pageSize}: it came back empty
     * or short, or the provider's {@code total} (null when it sent none) says so.
     */
    public static boolean isLast(int items, long pageSize, Long total, long page) {
        return items == 0 || items < pageSize || (total != null && page * pageSize >= total);
    }

    /**
     * True when no page follows, told by a paginator's own fields ({@code current_page},
     * {@code last_page}, {@code has_pages}), never by comparing the item count with the page size
     * asked for: a provider may cap that silently, and then a full page looks short. Without those
     * fields, paging goes on until an empty page.
     *
     * @param currentPage the page the answer says it is, or null to take {@code askedPage}
     * @param lastPage    the last page it says there is, or null
     * @param hasPages    whether it says there is more than one page, or null
     */
    public static boolean isLastByPaginator(int items, long askedPage, Long currentPage, Long lastPage,
                                            Boolean hasPages) {
        if (items == 0) {
            return true;
        }
        if (lastPage != null) {
            return (currentPage == null ? askedPage : currentPage) >= lastPage;
        }
        return Boolean.FALSE.equals(hasPages);
    }

    /**
     * One page read while scanning.
     *
     * @param items the page's items (what {@code wanted} is tried on)
     * @param read  how many objects the provider sent in it (counted against the scan cap)
     * @param last  true when no page follows
     */
    public record ScanPage<T>(List<T> items, int read, boolean last) {
    }

    /**
     * The first item {@code wanted} accepts, reading pages 1, 2, … of {@code source}'s list until
     * the last page or its scan cap ({@link SourceInfo#scanCap()}); hitting the cap is logged, as the
     * task may be further down. For providers with no detail endpoint and no id filter.
     */
    public static <T> Optional<T> scan(SourceInfo source, IntFunction<ScanPage<T>> readPage, Predicate<T> wanted) {
        int scanned = 0;
        for (int page = 1; ; page++) {
            ScanPage<T> read = readPage.apply(page);
            for (T item : read.items()) {
                if (wanted.test(item)) {
                    return Optional.of(item);
                }
            }
            scanned += read.read();
            if (read.last()) {
                return Optional.empty();
            }
            if (scanned >= source.scanCap()) {
                LOG.warn("source {} has more than {} tasks; stopped looking for one after the scan cap",
                        source.id(), source.scanCap());
                return Optional.empty();
            }
        }
    }
}
