package dev.taskgateway.testing;

import java.util.stream.LongStream;

/** Seeds for property tests (seeded parameterized tests whose display name is the seed). */
public final class Seeds {

    private Seeds() {
    }

    /** Seeds 1..{@code fixed}, so a red build replays, then 5 new ones per run, so coverage grows. */
    public static LongStream fixedThenFresh(int fixed) {
        long fresh = System.nanoTime();
        return LongStream.concat(LongStream.rangeClosed(1, fixed), LongStream.range(0, 5).map(i -> fresh + i * 7919));
    }
}
