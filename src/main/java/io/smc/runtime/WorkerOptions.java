package io.smc.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Workers} run.
 *
 * @param concurrency       how many keys are reconciled at once ({@code --concurrency})
 * @param reconcileDeadline how long one reconcile may run before its thread is interrupted and the key retried
 */
public record WorkerOptions(int concurrency, Duration reconcileDeadline) {
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_RECONCILE_DEADLINE = Duration.ofMinutes(5);

    /** @throws IllegalArgumentException for a concurrency below 1 or a deadline that is not positive */
    public WorkerOptions {
        Objects.requireNonNull(reconcileDeadline, "reconcileDeadline");
        if (concurrency < 1) {
            throw new IllegalArgumentException("the concurrency must be at least 1, not " + concurrency);
        }
        if (reconcileDeadline.isNegative() || reconcileDeadline.isZero()) {
            throw new IllegalArgumentException("the reconcile deadline must be positive, not " + reconcileDeadline);
        }
    }

    public static WorkerOptions defaults() {
        return new WorkerOptions(DEFAULT_CONCURRENCY, DEFAULT_RECONCILE_DEADLINE);
    }

    public WorkerOptions withConcurrency(int concurrency) {
        return new WorkerOptions(concurrency, reconcileDeadline);
    }

    public WorkerOptions withReconcileDeadline(Duration reconcileDeadline) {
        return new WorkerOptions(concurrency, reconcileDeadline);
    }
}
