package io.smc.kube.http;

import io.smc.time.Ticker;
import io.smc.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A ticker that moves only when slept on or advanced, recording every sleep asked for. */
final class FakeTime implements Ticker, Sleeper {
    private long nanos = 1_000_000_000L;
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

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
