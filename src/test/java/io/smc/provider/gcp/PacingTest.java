package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacingTest {
    @Test
    void aPerMinuteQuotaBurstsHalfASecondsWorthAndSharesTheMinuteAmongTheRest() {
        assertEquals(new Pacing(5, 60_000_000_000L / 596 + 1), Pacing.perMinute(600));
        assertEquals(new Pacing(750, 60_000_000_000L / 89_251 + 1), Pacing.perMinute(90_000));
    }

    @Test
    void aQuotaBelowTwoCallsASecondStillBurstsOneCall() {
        assertEquals(new Pacing(1, 2_000_000_001L), Pacing.perMinute(30));
        assertEquals(new Pacing(1, 60_000_000_000L / 119 + 1), Pacing.perMinute(119));
        assertEquals(new Pacing(1, 600_000_000_001L), Pacing.perMinute(0.1));
    }

    @Test
    void aPerSecondLimitIsEvenlySpaced() {
        assertEquals(new Pacing(1, 500_000_001), Pacing.evenlyPerSecond(2));
        assertEquals(new Pacing(1, 1), Pacing.evenlyPerSecond(5e9));
    }

    @Test
    void theToleranceIsTheBurstAfterTheFirstCall() {
        assertEquals(9 * 7L, new Pacing(10, 7).toleranceNanos());
        assertEquals(0, new Pacing(1, 7).toleranceNanos());
    }
}
