package io.smc.provider.gcp;

/**
 * The schedule of one limit, as a token bucket kept in the form of the generic cell rate algorithm: a single instant,
 * {@code fullAt}, when the bucket would hold its whole burst again. Booking a call moves it one interval on; a call
 * may go once {@code fullAt} is no more than the burst's tolerance ahead of it. Booking a future slot right away, and
 * sleeping outside the lock, is what spreads concurrent callers over successive slots instead of waking them
 * together.
 *
 * <p>Times are {@link System#nanoTime}-style readings, compared by subtraction so that a wrapping counter is no
 * problem. Not thread-safe: {@link QuotaLimiter} holds a lock around every use.
 */
final class SlotBucket {
    private final long interval;
    private final long tolerance;
    private long fullAt;
    // Pauses after the server said the quota was exhausted: when the last one ends, and how far they moved the
    // schedule altogether, so that callers already holding a slot move back by as much.
    private long pausedUntil;
    private long pausedTotal;

    SlotBucket(Pacing pacing, long now) {
        this.interval = pacing.intervalNanos();
        this.tolerance = pacing.toleranceNanos();
        this.fullAt = now;
        this.pausedUntil = now;
    }

    /** The earliest slot a call asking at {@code now} may have. */
    long earliestSlot(long now) {
        return later(now, fullAt - tolerance);
    }

    /**
     * Books a call at {@code slot}, which must be no earlier than {@link #earliestSlot}; a later one (when another
     * limit holds the call back) is fine too, and counted as the time the call really goes.
     */
    Claim book(long slot) {
        long before = fullAt;
        fullAt = later(fullAt, slot) + interval;
        return new Claim(this, before, fullAt);
    }

    /** Whether the bucket holds its whole burst, so that a new bucket would behave exactly the same. */
    boolean isFull(long now) {
        return fullAt - now <= 0;
    }

    /**
     * Lets no call go before {@code now + pause}, and the calls after it at the steady pace rather than in a burst.
     * Pauses that overlap count once: many calls refused together each ask for the same pause.
     */
    void pause(long now, long pause) {
        long until = now + pause;
        if (until - pausedUntil <= 0) {
            return;
        }
        long extension = until - later(pausedUntil, now);
        fullAt = later(fullAt, now + tolerance) + extension;
        pausedTotal += extension;
        pausedUntil = until;
    }

    /** How far all pauses so far have moved the schedule; a booked slot is due that much later than when booked. */
    long pausedTotal() {
        return pausedTotal;
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /** A booked slot, which can be given back while nothing has been booked behind it. */
    record Claim(SlotBucket bucket, long fullBefore, long fullAfter) {
        /**
         * Undoes the booking when the schedule is still as it left it. Otherwise later callers were already given
         * the slots after it, and handing this one out again could put more calls in a window than the limit, so it
         * stays unused: the pace errs on the slow side.
         */
        void giveBack() {
            if (bucket.fullAt == fullAfter) {
                bucket.fullAt = fullBefore;
            }
        }
    }
}
