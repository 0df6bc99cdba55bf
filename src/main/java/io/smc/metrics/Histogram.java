package io.smc.metrics;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted into buckets by upper bound, per combination of label values; the exposition adds the
 * {@code +Inf} bucket, {@code _sum} and {@code _count}. Created by {@link MetricsRegistry#histogram}.
 */
public final class Histogram extends Metric {
    private static final String BOUND_LABEL = "le";

    private final double[] upperBounds;
    private final List<String> boundLabels;
    private final Children<Child> children;

    Histogram(String name, String help, double[] buckets, String... labelNames) {
        super(name, help);
        this.upperBounds = finiteBounds(name, buckets);
        this.boundLabels = Arrays.stream(upperBounds).mapToObj(TextFormat::number).toList();
        this.children = new Children<>(name, MetricNames.labelNames(name, labelNames, Set.of(BOUND_LABEL)),
                () -> new Child(upperBounds));
    }

    /** The bounds in increasing order, without +Inf, which every histogram has anyway. */
    private static double[] finiteBounds(String name, double[] buckets) {
        int length = buckets.length;
        if (length > 0 && buckets[length - 1] == Double.POSITIVE_INFINITY) {
            length--;
        }
        double[] bounds = Arrays.copyOf(buckets, length);
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] += 0.0; // -0.0 becomes 0.0, which the binary search in observe would otherwise rank below 0.0
            if (!Double.isFinite(bounds[i])) {
                throw new IllegalArgumentException(name + ": a bucket bound must be a finite number, not "
                        + bounds[i]);
            }
            if (i > 0 && !(bounds[i] > bounds[i - 1])) {
                throw new IllegalArgumentException(name + ": bucket bounds must increase: "
                        + Arrays.toString(buckets));
            }
        }
        return bounds;
    }

    /** The series for these label values, in the order of the label names; keep it to skip the lookup. */
    public Child labels(String... labelValues) {
        return children.labels(labelValues);
    }

    /** Observes {@code value} in the histogram's only series; for a histogram without labels. */
    public void observe(double value) {
        children.unlabelled().observe(value);
    }

    @Override
    Set<String> sampleNames() {
        return Set.of(name() + "_bucket", name() + "_sum", name() + "_count");
    }

    @Override
    boolean sameShapeAs(Metric other) {
        return other instanceof Histogram histogram
                && histogram.children.labelNames().equals(children.labelNames())
                && Arrays.equals(histogram.upperBounds, upperBounds);
    }

    @Override
    String describe() {
        return "histogram with buckets " + boundLabels + " and labels " + children.labelNames();
    }

    @Override
    void writeText(Appendable out) throws IOException {
        TextFormat.header(out, name(), help(), "histogram");
        List<String> labelNames = children.labelNames();
        for (Map.Entry<List<String>, Child> series : children.sorted()) {
            List<String> labelValues = series.getKey();
            long[] cumulative = series.getValue().cumulativeCounts();
            for (int i = 0; i < upperBounds.length; i++) {
                TextFormat.sample(out, name() + "_bucket", labelNames, labelValues, BOUND_LABEL, boundLabels.get(i),
                        cumulative[i]);
            }
            long count = cumulative[upperBounds.length];
            TextFormat.sample(out, name() + "_bucket", labelNames, labelValues, BOUND_LABEL, "+Inf", count);
            TextFormat.sample(out, name() + "_sum", labelNames, labelValues, null, null, series.getValue().sum());
            TextFormat.sample(out, name() + "_count", labelNames, labelValues, null, null, count);
        }
    }

    /** One series of a histogram. */
    public static final class Child {
        private final double[] upperBounds;
        // Per bucket, not cumulative: one increment per observation; the last one is +Inf.
        private final LongAdder[] counts;
        private final DoubleAdder sum = new DoubleAdder();

        private Child(double[] upperBounds) {
            this.upperBounds = upperBounds;
            this.counts = new LongAdder[upperBounds.length + 1];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        /** Counts {@code value} in the first bucket whose bound is at least the value (bounds are inclusive). */
        public void observe(double value) {
            int found = Arrays.binarySearch(upperBounds, value);
            counts[found >= 0 ? found : -found - 1].increment();
            sum.add(value);
        }

        /** Observations at or below each bound, then all of them; the count is the sum, so the two always agree. */
        long[] cumulativeCounts() {
            long[] cumulative = new long[counts.length];
            long running = 0;
            for (int i = 0; i < counts.length; i++) {
                running += counts[i].sum();
                cumulative[i] = running;
            }
            return cumulative;
        }

        public long count() {
            long total = 0;
            for (LongAdder count : counts) {
                total += count.sum();
            }
            return total;
        }

        public double sum() {
            return sum.sum();
        }
    }
}
