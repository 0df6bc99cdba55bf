package io.smc.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;

/** A value that only goes up, per combination of label values. Created by {@link MetricsRegistry#counter}. */
public final class Counter extends Metric {
    private final Children<Child> children;

    Counter(String name, String help, String... labelNames) {
        super(name, help);
        this.children = new Children<>(name, MetricNames.labelNames(name, labelNames, Set.of()), Child::new);
    }

    /** The series for these label values, in the order of the label names; keep it to skip the lookup. */
    public Child labels(String... labelValues) {
        return children.labels(labelValues);
    }

    /** Adds one to the counter's only series; for a counter without labels. */
    public void inc() {
        children.unlabelled().inc();
    }

    /** Adds {@code amount} to the counter's only series; for a counter without labels. */
    public void inc(double amount) {
        children.unlabelled().inc(amount);
    }

    /** The value of the counter's only series; for a counter without labels. */
    public double value() {
        return children.unlabelled().value();
    }

    @Override
    Set<String> sampleNames() {
        return Set.of(name());
    }

    @Override
    boolean sameShapeAs(Metric other) {
        return other instanceof Counter counter && counter.children.labelNames().equals(children.labelNames());
    }

    @Override
    String describe() {
        return "counter with labels " + children.labelNames();
    }

    @Override
    void writeText(Appendable out) throws IOException {
        TextFormat.header(out, name(), help(), "counter");
        for (Map.Entry<List<String>, Child> series : children.sorted()) {
            TextFormat.sample(out, name(), children.labelNames(), series.getKey(), null, null,
                    series.getValue().value());
        }
    }

    /** One series of a counter. */
    public static final class Child {
        private final DoubleAdder value = new DoubleAdder();

        private Child() {
        }

        public void inc() {
            value.add(1);
        }

        /** @throws IllegalArgumentException for a negative or NaN amount: a counter never goes down */
        public void inc(double amount) {
            if (!(amount >= 0)) {
                throw new IllegalArgumentException("a counter only goes up; cannot add " + amount);
            }
            value.add(amount);
        }

        public double value() {
            return value.sum();
        }
    }
}
