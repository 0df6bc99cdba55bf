package io.smc.kube.http;

import io.smc.time.Ticker;
import io.smc.time.Sleeper;
import java.time.Duration;

/**
 * Client-side rate limit, as client-go's: {@code qps} tokens a second, at most {@code burst} saved up. A caller that
 * finds the bucket empty reserves the next token (the count goes negative) and then waits outside the lock, so
 * concurrent callers are spaced out in arrival order instead of all waking at once.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double qps;
    private final int burst;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public TokenBucket(double qps, int burst, Ticker ticker, Sleeper sleeper) {
        if (!(qps > 0) || Double.isInfinite(qps)) {
            throw new IllegalArgumentException("qps must be a positive number, not " + qps);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, not " + burst);
        }
        this.qps = qps;
        this.burst = burst;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = ticker.nanos();
    }

    /** Takes one token, waiting for it when none is left. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    /** Nanoseconds until the token just taken is really there; 0 when it already was. */
    private synchronized long reserve() {
        long now = ticker.nanos();
        tokens = Math.min(burst, tokens + (now - last) * qps / NANOS_PER_SECOND);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / qps * NANOS_PER_SECOND);
    }
}
