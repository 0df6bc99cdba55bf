package io.smc.runtime;

import io.smc.kube.KubeException;
import io.smc.kube.lease.LeaseRecord;
import io.smc.kube.lease.Leases;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One replica's view of the election lease and the calls that change it: {@link #tryAcquireOrRenew()} and
 * {@link #release()}, as client-go's {@code LeaderElector} makes them. Calls are made one at a time by one thread;
 * {@link #observedHolder()} may be read from any.
 */
final class LeaseLock {
    private final Leases leases;
    private final LeaderElectionConfig config;
    private final Clock clock;
    // null until a lease was read or written
    private volatile LeaseObservation observed;

    LeaseLock(Leases leases, LeaderElectionConfig config, Clock clock) {
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    /** The holder last seen on the lease; empty before the first read or while nobody holds it. */
    Optional<String> observedHolder() {
        LeaseObservation last = observed;
        return last == null ? Optional.empty() : Optional.ofNullable(last.holder());
    }

    /**
     * Acquires the lease if it is missing, free or expired; renews it if we hold it. Never throws: a failed call is
     * a {@link LeaseAttempt.Failed}.
     */
    LeaseAttempt tryAcquireOrRenew() {
        LeaseObservation last = observed;
        if (last != null && config.identity().equals(last.holder())) {
            // The holder assumes the lease is as it last wrote it and skips the read; a conflict (or any failure)
            // falls back to reading the lease, as client-go's fast path does.
            LeaseDecision renew = decide(Optional.of(last), clock.instant());
            if (write((LeaseDecision.Write) renew) instanceof LeaseAttempt.Held held) {
                return held;
            }
        }
        Optional<LeaseRecord> current;
        try {
            current = leases.get(config.namespace(), config.name());
        } catch (KubeException | RuntimeException e) {
            return LeaseAttempt.Failed.of("get", e);
        }
        Instant now = clock.instant();
        LeaseObservation seen = current.map(lease -> last == null ? new LeaseObservation(lease, now)
                : last.next(lease, now)).orElse(null);
        observed = seen;
        LeaseDecision decision = decide(Optional.ofNullable(seen), now);
        if (decision instanceof LeaseDecision.Wait wait) {
            return new LeaseAttempt.HeldByOther(wait.holder());
        }
        return write((LeaseDecision.Write) decision);
    }

    /**
     * Clears the holder if we still hold the lease, guarded by the resourceVersion just read so that a lease taken
     * over meanwhile is left alone. The duration written is 1 s, as client-go's {@code ReleaseOnCancel} writes.
     *
     * @return empty when released or when there was nothing of ours to release; the failed call otherwise
     */
    Optional<LeaseAttempt.Failed> release() {
        LeaseObservation last = observed;
        if (last == null || !config.identity().equals(last.holder())) {
            return Optional.empty();
        }
        Optional<LeaseRecord> current;
        try {
            current = leases.get(config.namespace(), config.name());
        } catch (KubeException | RuntimeException e) {
            return Optional.of(LeaseAttempt.Failed.of("get", e));
        }
        Instant now = clock.instant();
        if (current.isEmpty() || !config.identity().equals(current.get().holderIdentity())) {
            observed = current.map(lease -> last.next(lease, now)).orElse(null);
            return Optional.empty();
        }
        LeaseRecord released = new LeaseRecord(null, 1, now, now, current.get().leaseTransitions(),
                current.get().resourceVersion());
        try {
            observed = new LeaseObservation(leases.update(config.namespace(), config.name(), released),
                    clock.instant());
            return Optional.empty();
        } catch (KubeException | RuntimeException e) {
            return Optional.of(LeaseAttempt.Failed.of("update", e));
        }
    }

    private LeaseDecision decide(Optional<LeaseObservation> seen, Instant now) {
        return LeaseDecision.decide(config.identity(), config.leaseDurationSeconds(), seen, now);
    }

    private LeaseAttempt write(LeaseDecision.Write decision) {
        boolean create = decision instanceof LeaseDecision.Create;
        try {
            LeaseRecord stored = create ? leases.create(config.namespace(), config.name(), decision.lease())
                    : leases.update(config.namespace(), config.name(), decision.lease());
            observed = new LeaseObservation(stored, clock.instant());
            return new LeaseAttempt.Held(stored);
        } catch (KubeException | RuntimeException e) {
            return LeaseAttempt.Failed.of(create ? "create" : "update", e);
        }
    }
}
