package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaLimiterPenaltyTest {
    // 600 reads a minute: a burst of 5, then the other 596 share the minute.
    private static final int READ_BURST = 5;
    private static final Duration READ_INTERVAL = Duration.ofNanos(60_000_000_000L / 596 + 1);
    private static final Duration PAUSE = Duration.ofSeconds(30);

    private final SimulatedTime time = new SimulatedTime();
    private Runnable duringNextSleep = () -> { };
    private final QuotaLimiter limiter = new QuotaLimiter(QuotaSettings.defaults(), time, this::sleep);

    /** Sleeps on the simulated time, first doing what the test wants to happen while a caller sleeps. */
    private void sleep(Duration duration) {
        Runnable meanwhile = duringNextSleep;
        duringNextSleep = () -> { };
        meanwhile.run();
        time.sleep(duration);
    }

    @Test
    void aPauseHoldsTheClassBackAndItResumesAtTheSteadyPaceWithoutABurst() throws InterruptedException {
        limiter.penalise(CallClass.READ, PAUSE);

        assertEquals(PAUSE, limiter.acquire(CallClass.READ, null));
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.ACCESS, null));
        assertEquals(Duration.ZERO, limiter.acquire(CallClass.WRITE, "a"));
    }

    @Test
    void pausesAskedForTogetherCountOnce() throws InterruptedException {
        limiter.penalise(CallClass.READ, PAUSE);
        limiter.penalise(CallClass.READ, PAUSE);
        time.advance(Duration.ofSeconds(10));
        limiter.penalise(CallClass.READ, PAUSE);

        // The last pause ends 30 s after it was asked for, 10 s after the first one.
        assertEquals(PAUSE, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void aShorterPauseWithinALongerOneChangesNothing() throws InterruptedException {
        limiter.penalise(CallClass.READ, PAUSE);
        limiter.penalise(CallClass.READ, Duration.ofSeconds(5));

        assertEquals(PAUSE, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void aCallerAlreadyWaitingForItsSlotBacksOffToo() throws InterruptedException {
        for (int i = 0; i < READ_BURST; i++) {
            limiter.acquire(CallClass.READ, null);
        }
        duringNextSleep = () -> limiter.penalise(CallClass.READ, PAUSE);

        assertEquals(READ_INTERVAL.plus(PAUSE), limiter.acquire(CallClass.READ, null));
        // Behind it, the schedule keeps its spacing.
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void aPauseCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> limiter.penalise(CallClass.READ, Duration.ofSeconds(-1)));
    }
}
