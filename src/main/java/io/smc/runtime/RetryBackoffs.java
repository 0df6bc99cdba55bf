package io.smc.runtime;

import io.smc.time.Backoff;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One {@link Backoff} per failing key, so that a key that keeps failing waits longer and longer without slowing down
 * the others. Keys are kept only while they fail: forgetting a key drops its backoff. Not thread-safe:
 * {@link WorkQueue} calls it under its lock.
 */
final class RetryBackoffs {
    private static final class Failing {
        private final Backoff backoff;
        private int retries;

        private Failing(Backoff backoff) {
            this.backoff = backoff;
        }
    }

    private final Duration min;
    private final Duration max;
    private final Random jitter;
    private final Map<String, Failing> byKey = new HashMap<>();

    /** @throws IllegalArgumentException unless 0 < min <= max */
    RetryBackoffs(Duration min, Duration max, Random jitter) {
        Backoff.validate(min, max);
        this.min = min;
        this.max = max;
        this.jitter = jitter;
    }

    /** Counts a retry of the key and returns how long it waits. */
    Duration next(String key) {
        Failing failing = byKey.computeIfAbsent(key, k -> new Failing(new Backoff(min, max, jitter)));
        failing.retries++;
        return failing.backoff.next();
    }

    void forget(String key) {
        byKey.remove(key);
    }

    int retries(String key) {
        Failing failing = byKey.get(key);
        return failing == null ? 0 : failing.retries;
    }
}
