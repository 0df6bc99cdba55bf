package io.smc.provider.gcp.fake;

import java.util.function.LongSupplier;

/**
 * A per-minute rate enforced as a token bucket: it holds at most one second's worth of calls (at least one) and
 * refills continuously at the rate. A client that spaces its calls at least 60/rate seconds apart finds a token
 * every time; one that bursts gets one second's worth, then is held to the rate. This is stricter than the real
 * service's per-minute window (which would allow a whole minute's calls in one burst), on purpose: a client that
 * paces itself passes both, one that relies on bursting is caught here.
 */
final class TokenBucket {
    private static final double NANOS_PER_MINUTE = 60e9;
    // Spacing of exactly 60/rate seconds can refill a hair under one token in floating point; that still counts.
    private static final double ROUNDING = 1e-6;

    private final int perMinute;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;

    TokenBucket(int perMinute, LongSupplier nanoTime) {
        if (perMinute <= 0) {
            throw new IllegalArgumentException("a rate is at least one call a minute, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.capacity = Math.max(1.0, perMinute / 60.0);
        this.nanoTime = nanoTime;
        this.tokens = capacity;
        this.refilledAt = nanoTime.getAsLong();
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes a token if there is one. */
    synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perMinute / NANOS_PER_MINUTE);
        refilledAt = now;
        if (tokens >= 1.0 - ROUNDING) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }
}
