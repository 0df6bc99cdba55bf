package io.smc.provider.gcp;

import io.smc.time.Sleeper;
import io.smc.time.Ticker;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Paces one project's Secret Manager calls so that they stay within its quotas instead of being refused: one schedule
 * per {@link CallClass}, and for writes one more per secret. Each call books the next free slot and sleeps until it,
 * so concurrent callers go one after the other at the quota's pace. Every schedule allows a burst of half a
 * second's worth of its rate and is paced so that no minute ever holds more calls than the quota (see {@link Pacing});
 * writes to one secret are spaced evenly.
 *
 * <p>An interrupted caller throws {@link InterruptedException}, with the thread's interrupt flag set again so that
 * the loops above it see the stop too, and gives its slot back when no later caller has booked behind it. When one
 * has, the slot stays unused, since handing it out again could put one call too many in a minute.
 */
public final class QuotaLimiter {
    // Idle per-secret schedules are dropped when their number reaches this, or twice what the last sweep kept.
    private static final int FIRST_SWEEP = 64;

    private final Map<CallClass, SlotBucket> projectBuckets = new EnumMap<>(CallClass.class);
    private final Pacing perSecretPacing;
    // Guarded by the WRITE bucket's lock: a write books both schedules at once, and a sweep must not drop a bucket
    // that a write is about to book.
    private final Map<String, SlotBucket> secretBuckets = new HashMap<>();
    private int sweepAt = FIRST_SWEEP;
    private final Ticker nanoTime;
    private final Sleeper sleeper;

    public QuotaLimiter(QuotaSettings settings, Ticker nanoTime, Sleeper sleeper) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        long now = nanoTime.nanos();
        for (CallClass callClass : CallClass.values()) {
            projectBuckets.put(callClass, new SlotBucket(Pacing.perMinute(settings.perMinute(callClass)), now));
        }
        this.perSecretPacing = Pacing.evenlyPerSecond(settings.writesPerSecretPerSecond());
    }

    /** A limiter on the system's clock and real sleeps. */
    public static QuotaLimiter system(QuotaSettings settings) {
        return new QuotaLimiter(settings, Ticker.SYSTEM, Sleeper.SYSTEM);
    }

    /**
     * Waits until a call of {@code callClass} may go.
     *
     * @param secretName the secret a write changes (its id or full resource name, used the same way every time);
     *                   may be null for other calls, which no per-secret limit applies to
     * @return how long the call waited
     */
    public Duration acquire(CallClass callClass, String secretName) throws InterruptedException {
        Objects.requireNonNull(callClass, "callClass");
        if (callClass == CallClass.WRITE) {
            Objects.requireNonNull(secretName, "a write needs the name of the secret it writes");
        }
        long start = nanoTime.nanos();
        Booking booking = book(callClass, secretName, start);
        try {
            awaitSlot(booking);
        } catch (InterruptedException e) {
            cancel(booking);
            Thread.currentThread().interrupt();
            throw e;
        }
        return Duration.ofNanos(nanoTime.nanos() - start);
    }

    /**
     * Stops calls of {@code callClass} for {@code pause} from now, including those already waiting for a slot, after
     * the server answered RESOURCE_EXHAUSTED despite the pacing (another client shares the quota). All callers back
     * off together, resume at the steady pace, and pauses asked for at once by several refused calls count once.
     */
    public void penalise(CallClass callClass, Duration pause) {
        if (pause.isNegative()) {
            throw new IllegalArgumentException("a pause cannot be negative: " + pause);
        }
        SlotBucket bucket = projectBuckets.get(Objects.requireNonNull(callClass, "callClass"));
        synchronized (bucket) {
            bucket.pause(nanoTime.nanos(), pause.toNanos());
        }
    }

    private Booking book(CallClass callClass, String secretName, long now) {
        SlotBucket project = projectBuckets.get(callClass);
        synchronized (project) {
            if (callClass != CallClass.WRITE) {
                long slot = project.earliestSlot(now);
                return new Booking(project, slot, project.pausedTotal(), project.book(slot), null);
            }
            SlotBucket secret = secretBucket(secretName, now);
            // The later of the two slots satisfies both limits; each schedule records when the call really goes.
            long slot = later(project.earliestSlot(now), secret.earliestSlot(now));
            return new Booking(project, slot, project.pausedTotal(), project.book(slot), secret.book(slot));
        }
    }

    /** The secret's schedule; called with the WRITE bucket's lock held. */
    private SlotBucket secretBucket(String secretName, long now) {
        SlotBucket bucket = secretBuckets.get(secretName);
        if (bucket != null) {
            return bucket;
        }
        if (secretBuckets.size() >= sweepAt) {
            // A full schedule behaves exactly as a new one, so dropping it loses nothing. Sweeping only when the map
            // has doubled keeps the cost per write constant on average.
            secretBuckets.values().removeIf(idle -> idle.isFull(now));
            sweepAt = Math.max(FIRST_SWEEP, 2 * secretBuckets.size());
        }
        bucket = new SlotBucket(perSecretPacing, now);
        secretBuckets.put(secretName, bucket);
        return bucket;
    }

    private void awaitSlot(Booking booking) throws InterruptedException {
        while (true) {
            long due;
            synchronized (booking.project()) {
                due = booking.slot() + booking.project().pausedTotal() - booking.pausedBefore();
            }
            long wait = due - nanoTime.nanos();
            if (wait <= 0) {
                return;
            }
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }

    private static void cancel(Booking booking) {
        synchronized (booking.project()) {
            booking.projectClaim().giveBack();
            if (booking.secretClaim() != null) {
                booking.secretClaim().giveBack();
            }
        }
    }

    /** Per-secret schedules currently kept, so tests can see idle ones dropped. */
    int trackedSecrets() {
        synchronized (projectBuckets.get(CallClass.WRITE)) {
            return secretBuckets.size();
        }
    }

    private static long later(long a, long b) {
        return a - b >= 0 ? a : b;
    }

    /**
     * A call's booked slot; it is due later by however much pauses have moved the project schedule since booking.
     *
     * @param secretClaim null unless the call is a write
     */
    private record Booking(SlotBucket project, long slot, long pausedBefore, SlotBucket.Claim projectClaim,
            SlotBucket.Claim secretClaim) {
    }
}
