package io.smc.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HistogramTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @Test
    void bucketsAreCumulativeAndTheirBoundsInclusive() {
        Histogram.Child child = registry.histogram("smc_h", "h", new double[] {1, 2, 5}).labels();
        for (double value : new double[] {0.5, 1, 1.5, 2, 2, 4.9, 5, 7, -3}) {
            child.observe(value);
        }

        // Buckets le=1, le=2, le=5 and +Inf; each holds every smaller one.
        assertArrayEquals(new long[] {3, 6, 8, 9}, child.cumulativeCounts());
        assertEquals(9, child.count());
        assertEquals(0.5 + 1 + 1.5 + 2 + 2 + 4.9 + 5 + 7 - 3, child.sum(), 1e-9);
    }

    @Test
    void aValueAboveEveryBoundAndNaNCountOnlyInTheInfiniteBucket() {
        Histogram.Child child = registry.histogram("smc_h", "h", new double[] {1}).labels();
        child.observe(1e300);
        child.observe(Double.NaN);

        assertArrayEquals(new long[] {0, 2}, child.cumulativeCounts());
    }

    @Test
    void aTrailingInfiniteBoundIsTheOneAlwaysAddedAndNotWrittenTwice() throws IOException {
        registry.histogram("smc_h", "h", new double[] {0.5, Double.POSITIVE_INFINITY}).observe(1);

        StringBuilder out = new StringBuilder();
        registry.writeText(out);
        assertEquals("""
                # HELP smc_h h
                # TYPE smc_h histogram
                smc_h_bucket{le="0.5"} 0
                smc_h_bucket{le="+Inf"} 1
                smc_h_sum 1
                smc_h_count 1
                """, out.toString());
    }

    @Test
    void refusesBoundsThatDoNotIncreaseOrAreNotNumbers() {
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("a", "h", new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("b", "h", new double[] {2, 1}));
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("c", "h", new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> registry.histogram("d", "h", new double[] {Double.NEGATIVE_INFINITY, 1}));
    }

    @Test
    void leIsTheHistogramsOwnLabel() {
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("smc_h", "h", new double[] {1}, "le"));
        registry.counter("smc_c", "a counter may have an le label", "le").labels("x").inc();
    }
}
