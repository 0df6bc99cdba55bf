package io.smc.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * Which Lease a replica competes for, under which identity, and the three durations of client-go's leader election.
 * The durations must satisfy {@code leaseDuration > renewDeadline > retryPeriod > 0}: a leader that cannot renew
 * gives up at the renew deadline, before the lease could expire at any standby, so its workers stop before anybody
 * else's start.
 *
 * @param namespace     the Lease's namespace
 * @param name          the Lease's name; also the {@code name} label of the leader status metric
 * @param identity      this replica's holder identity, unique among replicas and across restarts (see
 *                      {@link LeaderIdentity})
 * @param leaseDuration how long a standby waits, from when it last saw the lease change, before taking it over; it is
 *                      written to the lease, so it must be whole seconds
 * @param renewDeadline how long the leader keeps retrying, from its last successful renewal, before it stops leading
 * @param retryPeriod   how often a candidate tries to acquire (with a little jitter) and the leader renews
 * @param releaseOnStop whether {@link LeaderElector#stop()} clears the holder, so a standby takes over at once instead
 *                      of after the lease duration (client-go's {@code ReleaseOnCancel})
 */
public record LeaderElectionConfig(String namespace, String name, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod, boolean releaseOnStop) {

    public static final String DEFAULT_NAME = "secret-manager-controller-leader";
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);

    /**
     * @throws IllegalArgumentException a blank namespace, name or identity; a lease duration that is not whole
     *                                  seconds; durations not in the order {@code lease > renew > retry > 0}
     */
    public LeaderElectionConfig {
        requireText(namespace, "namespace");
        requireText(name, "name");
        requireText(identity, "identity");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        if (retryPeriod.isNegative() || retryPeriod.isZero() || renewDeadline.compareTo(retryPeriod) <= 0
                || leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leader election needs leaseDuration > renewDeadline > retryPeriod > 0,"
                    + " got " + leaseDuration + ", " + renewDeadline + " and " + retryPeriod);
        }
        if (leaseDuration.getNano() != 0 || leaseDuration.getSeconds() > Integer.MAX_VALUE) {
            // The lease carries whole seconds; rounding down would let standbys take over before the renew deadline.
            throw new IllegalArgumentException("leaseDuration must be whole seconds, got " + leaseDuration);
        }
    }

    /** The default lease name and durations (15 s, 10 s, 2 s), releasing on stop. */
    public static LeaderElectionConfig defaults(String namespace, String identity) {
        return new LeaderElectionConfig(namespace, DEFAULT_NAME, identity, DEFAULT_LEASE_DURATION,
                DEFAULT_RENEW_DEADLINE, DEFAULT_RETRY_PERIOD, true);
    }

    public LeaderElectionConfig withName(String newName) {
        return new LeaderElectionConfig(namespace, newName, identity, leaseDuration, renewDeadline, retryPeriod,
                releaseOnStop);
    }

    public LeaderElectionConfig withDurations(Duration newLeaseDuration, Duration newRenewDeadline,
            Duration newRetryPeriod) {
        return new LeaderElectionConfig(namespace, name, identity, newLeaseDuration, newRenewDeadline, newRetryPeriod,
                releaseOnStop);
    }

    public LeaderElectionConfig withReleaseOnStop(boolean release) {
        return new LeaderElectionConfig(namespace, name, identity, leaseDuration, renewDeadline, retryPeriod,
                release);
    }

    /** The lease duration as the lease's {@code leaseDurationSeconds}. */
    int leaseDurationSeconds() {
        return (int) leaseDuration.getSeconds();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("leader election needs a " + what + ", got " + value);
        }
    }
}
