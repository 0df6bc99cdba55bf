package io.smc.provider.gcp;

import io.smc.time.Sleeper;
import io.smc.time.Ticker;
import java.time.Duration;

/**
 * Simulated time kept per thread: every thread starts at the same instant and moves on only by its own sleeps. Real
 * threads then contend for the limiter as concurrent callers do, while what each one waits stays exact.
 */
final class ThreadTime implements Ticker, Sleeper {
    private static final long START = 5_000_000_000L;

    private final ThreadLocal<long[]> slept = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public long nanos() {
        return START + slept.get()[0];
    }

    @Override
    public void sleep(Duration duration) {
        slept.get()[0] += duration.toNanos();
    }

    /** Puts the calling thread back at the start, to arrive as a new caller at the same instant as all others. */
    void rewind() {
        slept.get()[0] = 0;
    }
}
