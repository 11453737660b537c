package dev.taskgateway.providers.newapi;

import java.util.Locale;

/** The two list envelopes new-api builds answer with (PROVIDER-NOTES §3.3, quirk 5). */
enum NewApiShape {
    /** {@code data:{items,total,page,page_size}}, {@code p} from 1, {@code page_size} up to 100. */
    CURRENT,
    /** {@code data:[...]} (builds up to 2025-04), {@code p} from 0, always ten per page, no total. */
    LEGACY;

    /** Tasks per page of a legacy build, whatever {@code page_size} says. */
    static final int LEGACY_PAGE_SIZE = 10;

    /** The {@code p} value that asks this shape for the 1-based page {@code page}. */
    int wirePage(int page) {
        return this == LEGACY ? page - 1 : page;
    }

    /** The name shown to operators: {@code current} or {@code legacy}. */
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
