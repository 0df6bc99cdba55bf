package io.smc.provider.gcp;

import io.smc.time.Sleeper;
import io.smc.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A nanosecond clock that moves only when slept on or advanced, recording every sleep. It starts shortly before the
 * counter wraps, as {@link System#nanoTime} may, so every test also shows that no comparison trips over the wrap.
 */
final class SimulatedTime implements Ticker, Sleeper {
    private static final long START = Long.MAX_VALUE - Duration.ofSeconds(30).toNanos();

    private long nanos = START;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    @Override
    public synchronized void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }

    synchronized void advance(Duration duration) {
        nanos += duration.toNanos();
    }

    /** Nanoseconds since the start. */
    synchronized long elapsed() {
        return nanos - START;
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
