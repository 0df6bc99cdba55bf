package io.smc.time;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits (between retries, reconnects, rate-limit tokens); a seam so tests record the waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    /** Must end with {@link InterruptedException} when the thread is interrupted, which is how a stop wakes it. */
    void sleep(Duration duration) throws InterruptedException;
}
