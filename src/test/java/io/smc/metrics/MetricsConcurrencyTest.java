package io.smc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricsConcurrencyTest {
    private static final int THREADS = 8;
    private static final int UPDATES = 50_000;
    private static final int SERIES = 16;

    @Test
    void concurrentUpdatesThroughFreshLookupsAreAllCounted() throws Exception {
        MetricsRegistry registry = new MetricsRegistry();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    // Each thread registers and looks up for itself, so registration and child creation race too.
                    Counter counter = registry.counter("smc_calls_total", "Calls.", "series");
                    Gauge gauge = registry.gauge("smc_in_flight", "In flight.");
                    Histogram histogram = registry.histogram("smc_seconds", "Seconds.", new double[] {1}, "series");
                    start.await();
                    for (int i = 0; i < UPDATES; i++) {
                        String series = Integer.toString(i % SERIES);
                        counter.labels(series).inc();
                        histogram.labels(series).observe(i % 2);
                        gauge.inc();
                        gauge.dec(2);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Counter counter = registry.counter("smc_calls_total", "Calls.", "series");
        Histogram histogram = registry.histogram("smc_seconds", "Seconds.", new double[] {1}, "series");
        long perSeries = (long) THREADS * UPDATES / SERIES;
        for (int s = 0; s < SERIES; s++) {
            String series = Integer.toString(s);
            assertEquals(perSeries, counter.labels(series).value(), series);
            assertEquals(perSeries, histogram.labels(series).count(), series);
        }
        assertEquals(-(double) THREADS * UPDATES, registry.gauge("smc_in_flight", "In flight.").value());
    }
}
