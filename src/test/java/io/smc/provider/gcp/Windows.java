package io.smc.provider.gcp;

import java.time.Duration;
import java.util.List;

/** Counting calls in sliding windows. */
final class Windows {
    private Windows() {
    }

    /**
     * The most calls in any window of {@code length}, closed at both ends, which is the strictest way to count.
     *
     * @param instants the calls' instants in nanoseconds, in order
     */
    static int mostInAnyWindow(List<Long> instants, Duration length) {
        long window = length.toNanos();
        int most = 0;
        int end = 0;
        for (int start = 0; start < instants.size(); start++) {
            while (end < instants.size() && instants.get(end) - instants.get(start) <= window) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }
}
