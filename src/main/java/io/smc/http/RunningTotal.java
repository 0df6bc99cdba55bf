package io.smc.http;

import io.smc.metrics.Counter;

/**
 * A counter that follows a total read from elsewhere (CPU time, time in a garbage collector): each reading raises it
 * by what the total gained since the highest reading so far. A reading that went down (a source's glitch) or is not
 * a number is ignored, so the counter never goes down and nothing is counted twice.
 */
final class RunningTotal {
    private final Counter.Child counter;
    private double highest;

    RunningTotal(Counter.Child counter) {
        this.counter = counter;
    }

    synchronized void advanceTo(double total) {
        if (total > highest) {
            counter.inc(total - highest);
            highest = total;
        }
    }
}
