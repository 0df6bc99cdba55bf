package io.smc.runtime;

import io.smc.metrics.Counter;
import io.smc.metrics.Gauge;
import io.smc.metrics.Histogram;
import io.smc.metrics.MetricsRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The worker loop's series, under controller-runtime's names plus the deadline counter, with the label
 * {@code controller}; every series exists at zero from the start, so a dashboard shows 0 rather than nothing.
 */
final class WorkerMetrics {
    /** controller-runtime's buckets for the reconcile time, 5 ms to 60 s. */
    static final double[] RECONCILE_TIME_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4,
            0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15,
            20, 25, 30, 40, 50, 60};

    private static final double NANOS_PER_SECOND = 1e9;

    private final Map<Outcome, Counter.Child> reconciles = new EnumMap<>(Outcome.class);
    private final Counter.Child errors;
    private final Counter.Child terminalErrors;
    private final Counter.Child deadlinesExceeded;
    private final Histogram.Child reconcileTime;
    private final Gauge.Child activeWorkers;

    WorkerMetrics(MetricsRegistry registry, String controller, int concurrency) {
        Counter total = registry.counter("controller_runtime_reconcile_total",
                "Total number of reconciliations per controller", "controller", "result");
        for (Outcome outcome : Outcome.values()) {
            reconciles.put(outcome, total.labels(controller, outcome.label()));
        }
        errors = registry.counter("controller_runtime_reconcile_errors_total",
                "Total number of reconciliation errors per controller", "controller").labels(controller);
        terminalErrors = registry.counter("controller_runtime_terminal_reconcile_errors_total",
                "Total number of terminal reconciliation errors per controller", "controller").labels(controller);
        deadlinesExceeded = registry.counter("secret_manager_reconcile_deadline_exceeded_total",
                "Reconciles interrupted because they ran past their deadline", "controller").labels(controller);
        reconcileTime = registry.histogram("controller_runtime_reconcile_time_seconds",
                "Length of time per reconciliation per controller", RECONCILE_TIME_BUCKETS, "controller")
                .labels(controller);
        registry.gauge("controller_runtime_max_concurrent_reconciles",
                "Maximum number of concurrent reconciles per controller", "controller")
                .labels(controller).set(concurrency);
        activeWorkers = registry.gauge("controller_runtime_active_workers",
                "Number of currently used workers per controller", "controller").labels(controller);
    }

    void started() {
        activeWorkers.inc();
    }

    void ended(Outcome outcome, long nanos) {
        activeWorkers.dec();
        reconcileTime.observe(nanos / NANOS_PER_SECOND);
        reconciles.get(outcome).inc();
        if (outcome == Outcome.ERROR) {
            errors.inc();
        }
    }

    /** A key that could not be reconciled at all: an error, without a reconcile time. */
    void rejected() {
        reconciles.get(Outcome.ERROR).inc();
        errors.inc();
    }

    void terminalError() {
        terminalErrors.inc();
    }

    void deadlineExceeded() {
        deadlinesExceeded.inc();
    }
}
