package io.smc.kube.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final FakeTime time = new FakeTime();

    private void acquire(TokenBucket bucket, int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            bucket.acquire();
        }
    }

    @Test
    void aFullBucketLetsABurstThroughWithoutWaiting() throws InterruptedException {
        acquire(new TokenBucket(2, 3, time, time), 3);

        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void beyondTheBurstCallsAreSpacedAtTheRate() throws InterruptedException {
        acquire(new TokenBucket(2, 3, time, time), 5);

        assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), time.sleeps());
    }

    @Test
    void anIdleBucketRefillsButNeverBeyondTheBurst() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 3, time, time);
        acquire(bucket, 3);

        time.advance(Duration.ofSeconds(10));
        acquire(bucket, 4);

        assertEquals(List.of(Duration.ofMillis(500)), time.sleeps());
    }

    @Test
    void aPartlyRefilledBucketWaitsOnlyForTheMissingPart() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(2, 1, time, time);
        bucket.acquire();

        time.advance(Duration.ofMillis(200));
        bucket.acquire();

        assertEquals(List.of(Duration.ofMillis(300)), time.sleeps());
    }

    @Test
    void callersArrivingTogetherReserveSuccessiveSlots() throws InterruptedException {
        // A sleeper that does not move time: every caller arrives at the same instant, as concurrent ones do.
        List<Duration> waits = new ArrayList<>();
        TokenBucket bucket = new TokenBucket(4, 1, time, waits::add);

        acquire(bucket, 4);

        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750)), waits);
    }

    @Test
    void refusesARateOrBurstThatCouldNeverGrantAToken() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, time, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, time, time));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, time, time));
    }
}
