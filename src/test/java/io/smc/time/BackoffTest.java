package io.smc.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

public class BackoffTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration CAP = Duration.ofSeconds(30);

    /** A random source whose jitter is always the same share, so delays are exact. */
    public static Random fixedJitter(double share) {
        return new Random(1) {
            @Override
            public double nextDouble() {
                return share;
            }
        };
    }

    @Test
    void delaysDoubleFromTheInitialOneUpToTheCap() {
        Backoff backoff = new Backoff(SECOND, CAP, fixedJitter(0));
        List<Long> seconds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seconds.add(backoff.next().toSeconds());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), seconds);
    }

    @Test
    void jitterTakesUpToAQuarterOffEachDelayAndNeverExceedsTheCap() {
        Backoff backoff = new Backoff(SECOND, CAP, new Random(99));
        Duration nominal = SECOND;
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Duration delay = backoff.next();
            delays.add(delay);
            assertTrue(delay.compareTo(nominal) <= 0, delay + " above " + nominal);
            assertTrue(delay.compareTo(nominal.multipliedBy(3).dividedBy(4)) >= 0, delay + " far below " + nominal);
            nominal = nominal.multipliedBy(2).compareTo(CAP) > 0 ? CAP : nominal.multipliedBy(2);
        }
        // At the cap the delays still differ, so replicas do not reconnect in step.
        assertTrue(new HashSet<>(delays.subList(10, 40)).size() > 1, delays.toString());
    }

    @Test
    void aResetStartsAgainFromTheInitialDelay() {
        Backoff backoff = new Backoff(SECOND, CAP, fixedJitter(0.5));
        backoff.next();
        backoff.next();
        Duration third = backoff.next();
        backoff.reset();
        assertEquals(Duration.ofMillis(875), backoff.next());
        assertNotEquals(third, Duration.ofMillis(875));
    }

    @Test
    void refusesACapBelowTheInitialDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(CAP, SECOND, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, SECOND, new Random()));
    }
}
