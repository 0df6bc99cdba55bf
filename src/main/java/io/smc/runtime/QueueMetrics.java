package io.smc.runtime;

import io.smc.metrics.Counter;
import io.smc.metrics.Gauge;
import io.smc.metrics.Histogram;
import io.smc.metrics.MetricsRegistry;

/** A {@link WorkQueue}'s series of client-go's {@code workqueue_*} metrics, created at zero. */
final class QueueMetrics {
    /** client-go's buckets: 10 ns to 10 s, ×10 each. */
    static final double[] DURATION_BUCKETS = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10};

    private static final double NANOS_PER_SECOND = 1e9;

    private final Gauge.Child depth;
    private final Counter.Child adds;
    private final Histogram.Child queueDuration;
    private final Histogram.Child workDuration;
    private final Counter.Child retries;
    private final Gauge.Child unfinishedWork;
    private final Gauge.Child longestRunning;

    QueueMetrics(MetricsRegistry registry, String name) {
        depth = registry.gauge("workqueue_depth", "Current depth of workqueue", "name").labels(name);
        adds = registry.counter("workqueue_adds_total", "Total number of adds handled by workqueue", "name")
                .labels(name);
        queueDuration = registry.histogram("workqueue_queue_duration_seconds",
                "How long in seconds an item stays in workqueue before being requested.", DURATION_BUCKETS, "name")
                .labels(name);
        workDuration = registry.histogram("workqueue_work_duration_seconds",
                "How long in seconds processing an item from workqueue takes.", DURATION_BUCKETS, "name")
                .labels(name);
        retries = registry.counter("workqueue_retries_total", "Total number of retries handled by workqueue", "name")
                .labels(name);
        unfinishedWork = registry.gauge("workqueue_unfinished_work_seconds",
                "How many seconds of work has been done that is in progress and hasn't been observed by "
                        + "work_duration. Large values indicate stuck threads. One can deduce the number of stuck "
                        + "threads by observing the rate at which this increases.", "name")
                .labels(name);
        longestRunning = registry.gauge("workqueue_longest_running_processor_seconds",
                "How many seconds has the longest running processor for workqueue been running.", "name")
                .labels(name);
    }

    void depth(int keys) {
        depth.set(keys);
    }

    void added() {
        adds.inc();
    }

    void retried() {
        retries.inc();
    }

    void waited(long nanos) {
        queueDuration.observe(nanos / NANOS_PER_SECOND);
    }

    void worked(long nanos) {
        workDuration.observe(nanos / NANOS_PER_SECOND);
    }

    void inProgress(long totalNanos, long longestNanos) {
        unfinishedWork.set(totalNanos / NANOS_PER_SECOND);
        longestRunning.set(longestNanos / NANOS_PER_SECOND);
    }
}
