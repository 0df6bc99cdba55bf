package io.smc.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsRegistrationTest {
    private final MetricsRegistry registry = new MetricsRegistry();

    @Test
    void registeringTheSameShapeAgainReturnsTheMetricAlreadyThere() {
        Counter counter = registry.counter("smc_calls_total", "Calls.", "method");
        Gauge gauge = registry.gauge("smc_level", "Level.");
        Histogram histogram = registry.histogram("smc_wait_seconds", "Waits.", new double[] {1, 2}, "class");

        assertSame(counter, registry.counter("smc_calls_total", "Other help is not a conflict.", "method"));
        assertSame(gauge, registry.gauge("smc_level", "Level."));
        assertSame(histogram, registry.histogram("smc_wait_seconds", "Waits.", new double[] {1, 2}, "class"));
    }

    @Test
    void theSameNameWithAnotherTypeLabelsOrBucketsIsRefused() {
        registry.counter("smc_calls_total", "Calls.", "method");
        registry.histogram("smc_wait_seconds", "Waits.", new double[] {1, 2});

        assertThrows(IllegalArgumentException.class, () -> registry.gauge("smc_calls_total", "Calls.", "method"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("smc_calls_total", "Calls."));
        assertThrows(IllegalArgumentException.class,
                () -> registry.counter("smc_calls_total", "Calls.", "verb"));
        assertThrows(IllegalArgumentException.class,
                () -> registry.counter("smc_calls_total", "Calls.", "method", "code"));
        assertThrows(IllegalArgumentException.class,
                () -> registry.histogram("smc_wait_seconds", "Waits.", new double[] {1, 3}));
    }

    @Test
    void aNameAnotherMetricAlreadyWritesAsASampleIsRefused() {
        registry.histogram("smc_wait_seconds", "Waits.", new double[] {1});

        assertThrows(IllegalArgumentException.class, () -> registry.counter("smc_wait_seconds_count", "Clash."));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("smc_wait_seconds_bucket", "Clash."));

        registry.counter("smc_x_sum", "A sum of x.");
        assertThrows(IllegalArgumentException.class, () -> registry.histogram("smc_x", "Clash.", new double[] {1}));
    }

    @Test
    void metricAndLabelNamesFollowPrometheusRules() {
        registry.counter("a:b_c9", "Colons are allowed in metric names.", "_x", "y9");

        for (String name : new String[] {"", "9a", "a-b", "a b", "é"}) {
            assertThrows(IllegalArgumentException.class, () -> registry.counter(name, "Bad."), name);
        }
        for (String label : new String[] {"", "9a", "a:b", "a-b", "__reserved"}) {
            assertThrows(IllegalArgumentException.class, () -> registry.counter("smc_c", "Bad.", label), label);
        }
        assertThrows(IllegalArgumentException.class, () -> registry.counter("smc_c", "Twice.", "a", "a"));
    }

    @Test
    void labelValuesMustMatchTheLabelNames() {
        Counter counter = registry.counter("smc_calls_total", "Calls.", "method", "code");

        assertThrows(IllegalArgumentException.class, () -> counter.labels("get"));
        assertThrows(IllegalArgumentException.class, () -> counter.labels("get", "OK", "extra"));
        assertThrows(NullPointerException.class, () -> counter.labels("get", null));
        assertThrows(IllegalStateException.class, counter::inc);
        assertSame(counter.labels("get", "OK"), counter.labels("get", "OK"));
    }

    @Test
    void aCounterOnlyGoesUp() {
        Counter counter = registry.counter("smc_calls_total", "Calls.");
        counter.inc();
        counter.inc(0.5);

        assertThrows(IllegalArgumentException.class, () -> counter.inc(-1));
        assertThrows(IllegalArgumentException.class, () -> counter.inc(Double.NaN));
        assertEquals(1.5, counter.value());
    }
}
