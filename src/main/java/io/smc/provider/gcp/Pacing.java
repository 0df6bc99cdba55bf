package io.smc.provider.gcp;

import java.time.Duration;

/**
 * How one limit of "at most {@code limit} calls in any {@code window}" becomes a schedule: {@code burst} calls at once,
 * then one every {@code intervalNanos}. A burst of B followed by steady pacing puts at most
 * {@code B - 1 + ceil(window / interval)} calls in a window, so the interval is the window shared among
 * {@code limit - B + 1} calls, and one nanosecond longer so that even a window closed at both ends stays within the
 * limit. A limit that is not a whole number (only scaling makes one) is kept as a rate; a window may then hold it
 * rounded up.
 */
record Pacing(int burst, long intervalNanos) {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    /**
     * A per-minute quota's burst, in seconds of its rate. The strictest reading of such a quota (the tests' fake
     * enforces it) is a bucket holding one second's worth, refilled continuously. The limiter hands out a slot
     * before the request is even built, and the request reaches the server a little later (the first call of a kind
     * loads classes, a busy machine wakes threads late). While a burst is on its way the server's bucket is full
     * and banks no refill, so with a burst as large as that bucket the calls right behind it find it short and are
     * refused. Half a second's worth leaves the other half for such delays, and costs no steady throughput: a
     * smaller burst leaves more of the minute to the steady pace.
     */
    private static final double BURST_SECONDS = 0.5;

    Pacing {
        if (burst < 1 || intervalNanos < 1) {
            throw new IllegalArgumentException("burst and interval must be positive: " + burst + ", " + intervalNanos);
        }
    }

    /**
     * A per-minute quota with a burst of half a second's worth of it (at least one call): a long run reaches
     * {@code (limit - burst + 1) / limit} of the quota, over 99 % for any limit.
     */
    static Pacing perMinute(double limit) {
        double burstWorth = limit / MINUTE.toSeconds() * BURST_SECONDS;
        int burst = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(burstWorth)));
        return within(limit, MINUTE, burst);
    }

    /**
     * A per-second limit, evenly spaced without a burst: a burst as big as the whole window's limit would leave
     * nothing to refill with, and any burst costs steady throughput one for one.
     */
    static Pacing evenlyPerSecond(double limit) {
        return within(limit, SECOND, 1);
    }

    private static Pacing within(double limit, Duration window, int burst) {
        double share = window.toNanos() / (limit - burst + 1);
        return new Pacing(burst, (long) Math.min(Long.MAX_VALUE / 4, Math.floor(share)) + 1);
    }

    /** How far the schedule may run ahead of now before a call has to wait: the burst after the first call. */
    long toleranceNanos() {
        return (burst - 1) * intervalNanos;
    }
}
