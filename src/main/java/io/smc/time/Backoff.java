package io.smc.time;

import java.time.Duration;
import java.util.Random;

/**
 * Delays between attempts (reconnects, retries of a failed reconcile): the initial delay doubling with each failure
 * up to a cap, less a random part so that many replicas (or keys) that failed together do not come back in step. The
 * jitter only shortens a delay, so the cap is a true upper bound. Not thread-safe: one sequence of attempts owns one.
 */
public final class Backoff {
    /** The largest share of a delay the jitter takes away. */
    public static final double JITTER = 0.25;

    private final Duration initial;
    private final Duration cap;
    private final Random random;
    private Duration nominal;

    public Backoff(Duration initial, Duration cap, Random random) {
        validate(initial, cap);
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    /** @throws IllegalArgumentException unless 0 < initial <= cap */
    public static void validate(Duration initial, Duration cap) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap, got " + initial + " and " + cap);
        }
    }

    /** The delay before the next attempt; each call without a {@link #reset()} doubles the next one. */
    public Duration next() {
        if (nominal == null) {
            nominal = initial;
        } else {
            Duration doubled = nominal.multipliedBy(2);
            nominal = doubled.compareTo(cap) > 0 ? cap : doubled;
        }
        long nanos = nominal.toNanos();
        return Duration.ofNanos(nanos - (long) (nanos * JITTER * random.nextDouble()));
    }

    /** The connection is healthy again: the next failure waits the initial delay. */
    public void reset() {
        nominal = null;
    }
}
