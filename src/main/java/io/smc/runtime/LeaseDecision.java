package io.smc.runtime;

import io.smc.kube.lease.LeaseRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * What one replica should do about the lease, given what it observed: the pure core of client-go's
 * {@code tryAcquireOrRenew}. The records to write carry the resourceVersion they were decided on, so a lost race is
 * a conflict rather than an overwrite.
 */
sealed interface LeaseDecision {

    /** A decision to write the lease. */
    sealed interface Write extends LeaseDecision {
        LeaseRecord lease();
    }

    /** No lease exists: create it, held by us. */
    record Create(LeaseRecord lease) implements Write {
    }

    /** The lease is free (no holder) or expired: take it, counting one more transition. */
    record Acquire(LeaseRecord lease) implements Write {
    }

    /** We hold the lease: write a new renew time, keeping the acquire time and transition count. */
    record Renew(LeaseRecord lease) implements Write {
    }

    /** Another replica holds a lease still valid for us until {@code expiresAt}: leave it alone. */
    record Wait(String holder, Instant expiresAt) implements LeaseDecision {
    }

    /**
     * @param identity             our holder identity
     * @param leaseDurationSeconds the duration we write when we hold the lease
     * @param observed             the lease as read and when we saw it change; empty when there is no lease
     * @param now                  our clock's time
     */
    static LeaseDecision decide(String identity, int leaseDurationSeconds, Optional<LeaseObservation> observed,
            Instant now) {
        if (observed.isEmpty()) {
            return new Create(new LeaseRecord(identity, leaseDurationSeconds, now, now, 0, null));
        }
        LeaseRecord current = observed.get().record();
        String holder = current.holderIdentity();
        if (identity.equals(holder)) {
            Instant acquired = current.acquireTime() == null ? now : current.acquireTime();
            return new Renew(new LeaseRecord(identity, leaseDurationSeconds, acquired, now,
                    current.leaseTransitions(), current.resourceVersion()));
        }
        if (holder != null && now.isBefore(observed.get().expiresAt())) {
            return new Wait(holder, observed.get().expiresAt());
        }
        return new Acquire(new LeaseRecord(identity, leaseDurationSeconds, now, now, current.leaseTransitions() + 1,
                current.resourceVersion()));
    }
}
