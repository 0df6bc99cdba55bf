package io.smc.kube.informer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between reconnects; a seam so that tests record the delays instead of waiting them out. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    /** Must end with {@link InterruptedException} when the thread is interrupted, which is how a stop wakes it. */
    void sleep(Duration duration) throws InterruptedException;
}
