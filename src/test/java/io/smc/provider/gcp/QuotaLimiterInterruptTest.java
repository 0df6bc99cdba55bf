package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.time.Sleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QuotaLimiterInterruptTest {
    // 600 reads a minute: a burst of 5, then the other 596 share the minute.
    private static final int READ_BURST = 5;
    private static final Duration READ_INTERVAL = Duration.ofNanos(60_000_000_000L / 596 + 1);

    private final SimulatedTime time = new SimulatedTime();
    // What each sleep does in turn; once they are used up, sleeps pass on the simulated time.
    private final Deque<Sleeper> script = new ArrayDeque<>();
    private final QuotaLimiter limiter = new QuotaLimiter(QuotaSettings.defaults(), time,
            duration -> (script.isEmpty() ? time : script.poll()).sleep(duration));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private void useBurst() throws InterruptedException {
        for (int i = 0; i < READ_BURST; i++) {
            limiter.acquire(CallClass.READ, null);
        }
    }

    @Test
    void anInterruptedCallerGivesItsSlotBackAndKeepsTheFlagSet() throws InterruptedException {
        useBurst();
        script.add(duration -> {
            throw new InterruptedException();
        });

        assertThrows(InterruptedException.class, () -> limiter.acquire(CallClass.READ, null));
        assertTrue(Thread.interrupted());

        // The next caller gets the very slot the interrupted one had, not the one after it.
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void aSlotWithAnotherBookedBehindItIsNotHandedOutAgain() throws InterruptedException {
        useBurst();
        script.add(duration -> {
            // While the first caller sleeps, a second books the slot after it and gets through.
            assertEquals(READ_INTERVAL.multipliedBy(2), limiter.acquire(CallClass.READ, null));
            throw new InterruptedException();
        });

        assertThrows(InterruptedException.class, () -> limiter.acquire(CallClass.READ, null));
        Thread.interrupted();

        // Time is now at the second caller's slot; the next free one is the third, not the first caller's.
        assertEquals(READ_INTERVAL, limiter.acquire(CallClass.READ, null));
    }

    @Test
    void anInterruptedWriteGivesItsSecretsSlotBack() throws InterruptedException {
        QuotaLimiter writes = new QuotaLimiter(new QuotaSettings(90_000, 600, 600, 2), time,
                duration -> (script.isEmpty() ? time : script.poll()).sleep(duration));
        writes.acquire(CallClass.WRITE, "a");
        script.add(duration -> {
            throw new InterruptedException();
        });

        assertThrows(InterruptedException.class, () -> writes.acquire(CallClass.WRITE, "a"));
        Thread.interrupted();

        assertEquals(Duration.ofNanos(500_000_001), writes.acquire(CallClass.WRITE, "a"));
    }
}
