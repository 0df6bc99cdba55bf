package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class QuotaLimiterTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration SECOND = Duration.ofSeconds(1);
    // 600 a minute with a burst of 5 (half a second's worth): the other 596 calls share the minute, plus a
    // nanosecond.
    private static final int READ_BURST = 5;
    private static final Duration READ_INTERVAL = Duration.ofNanos(60_000_000_000L / 596 + 1);
    // 2 a second to one secret, evenly spaced.
    private static final Duration SECRET_INTERVAL = Duration.ofNanos(500_000_001);

    private final SimulatedTime time = new SimulatedTime();

    private QuotaLimiter limiter(QuotaSettings settings) {
        return new QuotaLimiter(settings, time, time);
    }

    /** Calls one after the other for {@code runFor}, returning the instants they went. */
    private List<Long> backToBack(QuotaLimiter limiter, CallClass callClass, IntFunction<String> secret,
            Duration runFor) throws InterruptedException {
        List<Long> instants = new ArrayList<>();
        long end = time.elapsed() + runFor.toNanos();
        for (int i = 0; ; i++) {
            limiter.acquire(callClass, secret.apply(i));
            if (time.elapsed() >= end) {
                return instants;
            }
            instants.add(time.elapsed());
        }
    }

    @Test
    void halfASecondsWorthGoesAtOnceAndTheRestAtTheSteadyPace() throws InterruptedException {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());

        for (int i = 0; i < READ_BURST; i++) {
            assertEquals(Duration.ZERO, limiter.acquire(CallClass.READ, null));
        }
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
        assertEquals(List.of(READ_INTERVAL, READ_INTERVAL), time.sleeps());
    }

    @Test
    void anIdleScheduleRefillsItsBurstButNoFurther() throws InterruptedException {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());
        backToBack(limiter, CallClass.READ, i -> null, MINUTE);
        time.advance(Duration.ofMinutes(5));
        List<Duration> before = time.sleeps();

        for (int i = 0; i < READ_BURST; i++) {
            assertEquals(Duration.ZERO, limiter.acquire(CallClass.READ, null));
        }
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
        assertEquals(before.size() + 1, time.sleeps().size());
    }

    @Test
    void noMinuteEverHoldsMoreReadsOrWritesThanTheQuotaAndALongRunReachesNearlyAll() throws InterruptedException {
        List<Long> reads = backToBack(limiter(QuotaSettings.defaults()), CallClass.READ, i -> null,
                Duration.ofMinutes(10));
        // Each write to a secret of its own, so that only the project's write quota holds them back.
        List<Long> writes = backToBack(limiter(QuotaSettings.defaults()), CallClass.WRITE, i -> "secret-" + i,
                Duration.ofMinutes(10));

        for (List<Long> calls : List.of(reads, writes)) {
            assertEquals(600, Windows.mostInAnyWindow(calls, MINUTE));
            assertTrue(calls.size() >= 0.95 * 600 * 10, calls.size() + " calls in 10 minutes");
        }
    }

    @Test
    void noMinuteEverHoldsMoreAccessesThanTheQuota() throws InterruptedException {
        List<Long> accesses = backToBack(limiter(QuotaSettings.defaults()), CallClass.ACCESS, i -> null,
                Duration.ofMinutes(3));

        assertEquals(90_000, Windows.mostInAnyWindow(accesses, MINUTE));
        assertTrue(accesses.size() >= 0.95 * 90_000 * 3, accesses.size() + " calls in 3 minutes");
    }

    @Test
    void burstsAfterIdlePausesStayWithinTheQuotaToo() throws InterruptedException {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());
        SplittableRandom random = new SplittableRandom(42);
        List<Long> instants = new ArrayList<>();
        while (time.elapsed() < Duration.ofMinutes(30).toNanos()) {
            for (int i = random.nextInt(1, 300); i > 0; i--) {
                limiter.acquire(CallClass.READ, null);
                instants.add(time.elapsed());
            }
            time.advance(Duration.ofMillis(random.nextLong(0, 20_000)));
        }

        assertTrue(Windows.mostInAnyWindow(instants, MINUTE) <= 600);
    }

    @Test
    void callsReachingTheServerUpToHalfASecondLateStillFitABucketOfOneSecondsWorth() throws InterruptedException {
        // A slot is when a call may leave; it reaches the server a little later. The first burst arrives latest of all,
        // after the server's bucket has stopped filling: the case a burst of the bucket's whole size cannot absorb.
        List<Long> slots = backToBack(limiter(QuotaSettings.defaults()), CallClass.READ, i -> null, MINUTE);
        long lateness = Duration.ofMillis(450).toNanos();
        SplittableRandom random = new SplittableRandom(7);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            arrivals.add(slots.get(i) + (i < READ_BURST ? lateness : random.nextLong(0, lateness)));
        }
        Collections.sort(arrivals);

        assertEquals(0, refusedByABucketOfOneSecondsWorth(arrivals, 600));
    }

    /**
     * How many calls a token bucket refuses that holds one second's worth of a per-minute quota, full at the first
     * call and refilled continuously: the strictest reading of the quota, which the tests' fake server enforces.
     */
    private static int refusedByABucketOfOneSecondsWorth(List<Long> arrivals, int perMinute) {
        double capacity = Math.max(1, perMinute / 60.0);
        double perNano = perMinute / 60e9;
        double tokens = capacity;
        long last = arrivals.get(0);
        int refused = 0;
        for (long arrival : arrivals) {
            tokens = Math.min(capacity, tokens + (arrival - last) * perNano);
            last = arrival;
            if (tokens >= 1 - 1e-9) {
                tokens -= 1;
            } else {
                refused++;
            }
        }
        return refused;
    }

    @Test
    void writesToOneSecretAreSpacedEvenlyAtItsOwnLimit() throws InterruptedException {
        QuotaLimiter limiter = limiter(new QuotaSettings(90_000, 600, 60_000, 2));

        List<Long> instants = backToBack(limiter, CallClass.WRITE, i -> "db-password", Duration.ofSeconds(30));

        assertEquals(List.of(SECRET_INTERVAL, SECRET_INTERVAL, SECRET_INTERVAL), time.sleeps().subList(0, 3));
        assertEquals(2, Windows.mostInAnyWindow(instants, SECOND));
        assertEquals(60, instants.size());
    }

    @Test
    void writesToDifferentSecretsDoNotWaitForEachOther() throws InterruptedException {
        QuotaLimiter limiter = limiter(new QuotaSettings(90_000, 600, 60_000, 2));

        assertEquals(Duration.ZERO, limiter.acquire(CallClass.WRITE, "a"));
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.WRITE, "b"));
        assertEquals(SECRET_INTERVAL, limiter.acquire(CallClass.WRITE, "a"));
        // b's next slot came while waiting for a's.
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.WRITE, "b"));
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.READ, "a"));
    }

    @Test
    void theClassesAreLimitedIndependently() throws InterruptedException {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());
        for (int i = 0; i < READ_BURST; i++) {
            limiter.acquire(CallClass.READ, null);
        }

        assertEquals(Duration.ZERO, limiter.acquire(CallClass.WRITE, "a"));
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.ACCESS, null));
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void idleSecretSchedulesAreDroppedSoTheirNumberStaysBounded() throws InterruptedException {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());
        int most = 0;
        for (int i = 0; i < 2_000; i++) {
            limiter.acquire(CallClass.WRITE, "secret-" + i);
            most = Math.max(most, limiter.trackedSecrets());
        }

        assertTrue(most <= 64, most + " secret schedules kept");
    }

    @Test
    void aSecretStillWaitingForItsPaceSurvivesTheSweep() throws InterruptedException {
        QuotaLimiter limiter = limiter(new QuotaSettings(90_000, 600, 600_000, 2));
        for (int i = 0; i < 63; i++) {
            limiter.acquire(CallClass.WRITE, "old-" + i);
        }
        time.advance(SECOND);
        limiter.acquire(CallClass.WRITE, "busy");
        assertEquals(64, limiter.trackedSecrets());

        limiter.acquire(CallClass.WRITE, "new");

        assertEquals(2, limiter.trackedSecrets(), "the 63 idle schedules are dropped");
        assertEquals(SECRET_INTERVAL, limiter.acquire(CallClass.WRITE, "busy"));
    }

    @Test
    void aWriteNamesItsSecret() {
        QuotaLimiter limiter = limiter(QuotaSettings.defaults());

        assertThrows(NullPointerException.class, () -> limiter.acquire(CallClass.WRITE, null));
    }
}
