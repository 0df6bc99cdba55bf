package io.smc.metrics;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process's metrics, written on demand in Prometheus' text format. Registering is rare and takes a lock;
 * updating a metric takes none. Registering a name again returns the metric already there when it has the same type,
 * label names (and, for a histogram, buckets), so independent components may each ask for it; the first help text is
 * the one kept.
 */
public final class MetricsRegistry {
    /** The {@code Content-Type} of {@link #writeText}'s output. */
    public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    // Sorted by name, so scrapes come out in the same order every time.
    private final Map<String, Metric> metrics = new ConcurrentSkipListMap<>();
    private final List<Runnable> collectors = new CopyOnWriteArrayList<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, Objects.requireNonNull(help, "help"), labelNames), Counter.class);
    }

    public Gauge gauge(String name, String help, String... labelNames) {
        return register(new Gauge(name, Objects.requireNonNull(help, "help"), labelNames), Gauge.class);
    }

    /** @param buckets the upper bounds, increasing; {@code +Inf} is always added */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return register(new Histogram(name, Objects.requireNonNull(help, "help"), buckets, labelNames),
                Histogram.class);
    }

    private synchronized <M extends Metric> M register(M candidate, Class<M> type) {
        Metric existing = metrics.get(candidate.name());
        if (existing != null) {
            if (!existing.sameShapeAs(candidate)) {
                throw new IllegalArgumentException(candidate.name() + " is already registered as a "
                        + existing.describe() + ", not a " + candidate.describe());
            }
            return type.cast(existing);
        }
        for (Metric other : metrics.values()) {
            for (String sample : candidate.sampleNames()) {
                if (other.sampleNames().contains(sample)) {
                    throw new IllegalArgumentException(candidate.name() + " would write " + sample
                            + ", which " + other.name() + " already writes");
                }
            }
        }
        metrics.put(candidate.name(), candidate);
        return candidate;
    }

    /**
     * Runs {@code collector} before every {@link #writeText}, to bring up to date the metrics whose values are read
     * rather than counted (resident memory, the age of the oldest work in a queue). It must be quick and must not
     * throw; one that throws is skipped for that scrape.
     */
    public void onScrape(Runnable collector) {
        collectors.add(Objects.requireNonNull(collector, "collector"));
    }

    /** Every metric in the Prometheus text exposition format 0.0.4, sorted by name and then by label values. */
    public void writeText(Appendable out) throws IOException {
        for (Runnable collector : collectors) {
            try {
                collector.run();
            } catch (RuntimeException e) {
                // A stale value beats a failed scrape: the other metrics are still worth having.
            }
        }
        for (Metric metric : metrics.values()) {
            metric.writeText(out);
        }
    }
}
