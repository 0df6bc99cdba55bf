package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class QuotaLimiterConcurrencyTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 200;
    // 600 reads a minute: a burst of 5, then the other 596 share the minute.
    private static final int READ_BURST = 5;
    private static final long READ_INTERVAL = 60_000_000_000L / 596 + 1;
    private static final long SECRET_INTERVAL = 500_000_001;

    private final ThreadTime time = new ThreadTime();
    private final QuotaLimiter limiter = new QuotaLimiter(QuotaSettings.defaults(), time, time);

    /** Every call arrives at the same instant from one of several threads; returns how long each one waited. */
    private List<Long> arriveTogether(CallClass callClass, String secret) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Callable<Void> caller = () -> {
                    start.await();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        time.rewind();
                        waits.add(limiter.acquire(callClass, secret).toNanos());
                    }
                    return null;
                };
                done.add(pool.submit(caller));
            }
            start.countDown();
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(waits);
        Collections.sort(sorted);
        return sorted;
    }

    @Test
    void concurrentCallersGetTheBurstAndThenSuccessiveSlotsEachExactlyOnce() throws Exception {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < THREADS * CALLS_PER_THREAD; i++) {
            expected.add(Math.max(0, i - (READ_BURST - 1)) * READ_INTERVAL);
        }

        assertSameWaits(expected, arriveTogether(CallClass.READ, null));
    }

    @Test
    void concurrentWritesToOneSecretAreSpacedByItsOwnLimit() throws Exception {
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < THREADS * CALLS_PER_THREAD; i++) {
            expected.add(i * SECRET_INTERVAL);
        }

        assertSameWaits(expected, arriveTogether(CallClass.WRITE, "shared"));
    }

    /** Compares sorted waits one by one, so that a failure names the first slot given twice or skipped. */
    private static void assertSameWaits(List<Long> expected, List<Long> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            int index = i;
            assertEquals(expected.get(i), actual.get(i), () -> "wait number " + index + " in order of length");
        }
    }
}
