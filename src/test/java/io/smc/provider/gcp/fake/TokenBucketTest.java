package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }

    @Test
    void aBurstGetsOneSecondsWorthThenTheRate() {
        TokenBucket bucket = new TokenBucket(600, nanos::get);

        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.tryAcquire(), "call " + i + " of the burst");
        }
        assertFalse(bucket.tryAcquire());
        advanceMillis(99);
        assertFalse(bucket.tryAcquire());
        advanceMillis(1);
        assertTrue(bucket.tryAcquire());
    }

    @Test
    void aClientPacedAtTheRateNeverWaits() {
        for (int perMinute : new int[] {1, 7, 60, 600, 90_000}) {
            TokenBucket bucket = new TokenBucket(perMinute, nanos::get);
            long spacingNanos = 60_000_000_000L / perMinute;
            for (int i = 0; i < 1_000; i++) {
                assertTrue(bucket.tryAcquire(), perMinute + "/min, call " + i);
                nanos.addAndGet(spacingNanos);
            }
        }
    }

    @Test
    void aSlowRateStillAllowsOneCall() {
        TokenBucket bucket = new TokenBucket(1, nanos::get);

        assertTrue(bucket.tryAcquire());
        advanceMillis(59_000);
        assertFalse(bucket.tryAcquire());
        advanceMillis(1_000);
        assertTrue(bucket.tryAcquire());
    }

    @Test
    void idleTimeDoesNotBankMoreThanOneSecond() {
        TokenBucket bucket = new TokenBucket(120, nanos::get);
        advanceMillis(3_600_000);

        assertTrue(bucket.tryAcquire());
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
    }
}
