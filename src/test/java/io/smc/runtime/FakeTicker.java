package io.smc.runtime;

import io.smc.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when the test moves it; starts far from zero, as {@link System#nanoTime()} may. */
final class FakeTicker implements Ticker {
    private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);

    @Override
    public long nanos() {
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
