package io.smc.runtime;

import io.smc.kube.testing.MutableClock;
import io.smc.time.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Fake time for a loop on another thread: each sleep moves the clock on by its duration at once, and runs the
 * actions the test scheduled for the time passed. A sleep that would reach the horizon parks the loop instead,
 * until it is interrupted, so the test can look at a state that no longer changes.
 */
final class SteppingSleeper implements Sleeper {
    private final MutableClock clock;
    private final Instant horizon;
    private final TreeMap<Instant, List<Runnable>> scheduled = new TreeMap<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final CountDownLatch parked = new CountDownLatch(1);

    SteppingSleeper(MutableClock clock, Duration horizon) {
        this.clock = clock;
        this.horizon = clock.instant().plus(horizon);
    }

    /** Runs {@code action} on the sleeping thread once the clock reaches {@code when}. */
    synchronized void at(Instant when, Runnable action) {
        scheduled.computeIfAbsent(when, t -> new ArrayList<>()).add(action);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        List<Runnable> due = new ArrayList<>();
        boolean park;
        synchronized (this) {
            park = !clock.instant().plus(duration).isBefore(horizon);
            if (!park) {
                sleeps.add(duration);
                clock.advance(duration);
                for (Iterator<Map.Entry<Instant, List<Runnable>>> entries =
                        scheduled.headMap(clock.instant(), true).entrySet().iterator(); entries.hasNext(); ) {
                    due.addAll(entries.next().getValue());
                    entries.remove();
                }
            }
        }
        if (park) {
            parked.countDown();
            new CountDownLatch(1).await();
        }
        due.forEach(Runnable::run);
    }

    boolean parked() {
        return parked.getCount() == 0;
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
