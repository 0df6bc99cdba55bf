package io.smc.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the controller process runs, as {@code run}'s flags and environment set it.
 *
 * @param namespaces          the namespaces whose configs are reconciled; empty for all
 * @param labelSelector       only configs matching it (shards of several controllers); null for all
 * @param concurrency         how many configs are reconciled at once
 * @param metricsAddress      {@code host:port} of {@code /metrics}; null when disabled
 * @param probeAddress        {@code host:port} of {@code /healthz} and {@code /readyz}
 * @param leaderElect         whether to reconcile only while holding the lease
 * @param leaseNamespace      where the lease lives
 * @param leaseName           the lease's name
 * @param minRetryDelay       the first backoff of a failing config
 * @param maxRetryDelay       the cap of a failing config's backoff
 * @param shutdownTimeout     how long a stop waits for reconciles in flight
 * @param reconcileTimeout    the deadline of one reconcile
 * @param rediscoveryInterval how often kinds not installed (Flux, Argo CD) are looked for again
 */
public record ControllerSettings(List<String> namespaces, String labelSelector, int concurrency,
        String metricsAddress, String probeAddress, boolean leaderElect, String leaseNamespace, String leaseName,
        Duration minRetryDelay, Duration maxRetryDelay, Duration shutdownTimeout, Duration reconcileTimeout,
        Duration rediscoveryInterval) {
    public static final String DEFAULT_LEASE_NAME = "secret-manager-controller-leader";
    public static final Duration DEFAULT_RECONCILE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REDISCOVERY_INTERVAL = Duration.ofMinutes(3);

    public ControllerSettings {
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(probeAddress, "probeAddress");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        if (leaderElect && (leaseNamespace == null || leaseNamespace.isEmpty())) {
            throw new IllegalArgumentException("leader election needs the lease's namespace");
        }
        requirePositive(minRetryDelay, "minRetryDelay");
        requirePositive(shutdownTimeout, "shutdownTimeout");
        requirePositive(reconcileTimeout, "reconcileTimeout");
        requirePositive(rediscoveryInterval, "rediscoveryInterval");
        if (maxRetryDelay.compareTo(minRetryDelay) < 0) {
            throw new IllegalArgumentException("maxRetryDelay " + maxRetryDelay + " is shorter than minRetryDelay "
                    + minRetryDelay);
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
