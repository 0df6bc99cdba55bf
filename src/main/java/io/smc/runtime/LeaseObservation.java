package io.smc.runtime;

import io.smc.kube.lease.LeaseRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A lease as last read, and when this replica first saw it in that state. Expiry is judged from that local instant,
 * never from the lease's {@code renewTime}, which the holder wrote with its own clock: as client-go does, a standby
 * takes over only once the record has not changed for {@code leaseDurationSeconds} by its own clock, whatever the
 * skew between the two machines.
 *
 * @param record     the lease, with its resourceVersion
 * @param observedAt when this replica saw the lease change to {@code record}
 */
record LeaseObservation(LeaseRecord record, Instant observedAt) {

    LeaseObservation {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /**
     * The observation after reading {@code current} at {@code now}: this one when nothing changed (the clock keeps
     * running from the first sight), a fresh one otherwise. Any change counts, the resourceVersion included, as a
     * renewal changes at least that.
     */
    LeaseObservation next(LeaseRecord current, Instant now) {
        return current.equals(record) ? this : new LeaseObservation(current, now);
    }

    /** When the lease expires for this replica; a lease without a duration is expired from the start. */
    Instant expiresAt() {
        Integer seconds = record.leaseDurationSeconds();
        return observedAt.plus(Duration.ofSeconds(seconds == null ? 0 : Math.max(0, seconds)));
    }

    /** The holder, or null for a lease nobody holds. */
    String holder() {
        return record.holderIdentity();
    }
}
