package io.smc.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** A value that goes up and down, per combination of label values. Created by {@link MetricsRegistry#gauge}. */
public final class Gauge extends Metric {
    private final Children<Child> children;

    Gauge(String name, String help, String... labelNames) {
        super(name, help);
        this.children = new Children<>(name, MetricNames.labelNames(name, labelNames, Set.of()), Child::new);
    }

    /** The series for these label values, in the order of the label names; keep it to skip the lookup. */
    public Child labels(String... labelValues) {
        return children.labels(labelValues);
    }

    /**
     * Drops the series for these label values, as client_java's {@code remove}: for a gauge that describes objects
     * which come and go, so a deleted object stops being reported instead of keeping its last value forever.
     */
    public void remove(String... labelValues) {
        children.remove(labelValues);
    }

    /** The gauge's only series; the methods below are shorthands for it, for a gauge without labels. */
    private Child only() {
        return children.unlabelled();
    }

    public void set(double value) {
        only().set(value);
    }

    public void inc() {
        only().inc();
    }

    public void inc(double amount) {
        only().inc(amount);
    }

    public void dec() {
        only().dec();
    }

    public void dec(double amount) {
        only().dec(amount);
    }

    public double value() {
        return only().value();
    }

    @Override
    Set<String> sampleNames() {
        return Set.of(name());
    }

    @Override
    boolean sameShapeAs(Metric other) {
        return other instanceof Gauge gauge && gauge.children.labelNames().equals(children.labelNames());
    }

    @Override
    String describe() {
        return "gauge with labels " + children.labelNames();
    }

    @Override
    void writeText(Appendable out) throws IOException {
        TextFormat.header(out, name(), help(), "gauge");
        for (Map.Entry<List<String>, Child> series : children.sorted()) {
            TextFormat.sample(out, name(), children.labelNames(), series.getKey(), null, null,
                    series.getValue().value());
        }
    }

    /** One series of a gauge. */
    public static final class Child {
        // The double's bits, so that set and add are each one atomic step without a lock.
        private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

        private Child() {
        }

        public void set(double value) {
            bits.set(Double.doubleToLongBits(value));
        }

        public void inc() {
            inc(1);
        }

        public void inc(double amount) {
            bits.accumulateAndGet(Double.doubleToLongBits(amount),
                    (current, added) -> Double.doubleToLongBits(
                            Double.longBitsToDouble(current) + Double.longBitsToDouble(added)));
        }

        public void dec() {
            inc(-1);
        }

        public void dec(double amount) {
            inc(-amount);
        }

        public double value() {
            return Double.longBitsToDouble(bits.get());
        }
    }
}
