package io.smc.kube.informer;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: the initial delay doubling with each failure up to a cap, less a random part so that many
 * replicas that lost the server together do not come back in step. The jitter only shortens a delay, so the cap is
 * a true upper bound.
 */
final class Backoff {
    /** The largest share of a delay the jitter takes away. */
    static final double JITTER = 0.25;

    private final Duration initial;
    private final Duration cap;
    private final Random random;
    private Duration nominal;

    Backoff(Duration initial, Duration cap, Random random) {
        validate(initial, cap);
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    static void validate(Duration initial, Duration cap) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap, got " + initial + " and " + cap);
        }
    }

    /** The delay before the next attempt; each call without a {@link #reset()} doubles the next one. */
    Duration next() {
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
    void reset() {
        nominal = null;
    }
}
