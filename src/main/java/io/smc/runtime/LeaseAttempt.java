package io.smc.runtime;

import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.lease.LeaseRecord;

/** How one try to acquire or renew the lease ended. */
sealed interface LeaseAttempt {

    /** We hold the lease, as stored now. */
    record Held(LeaseRecord lease) implements LeaseAttempt {
    }

    /** Another replica holds a lease that is still valid. */
    record HeldByOther(String holder) implements LeaseAttempt {
    }

    /**
     * A call failed, so we do not know who holds the lease.
     *
     * @param verb       the call: {@code get}, {@code create} or {@code update}
     * @param reason     why, in a few words fit for a log line (never lease contents)
     * @param contention another replica won a race to write (a conflict or an existing lease): routine for a
     *                   candidate, a warning sign for a leader
     */
    record Failed(String verb, String reason, boolean contention) implements LeaseAttempt {

        static Failed of(String verb, Exception error) {
            if (error instanceof ApiException api) {
                boolean contention = api.reason() == ApiException.Reason.CONFLICT
                        || api.reason() == ApiException.Reason.ALREADY_EXISTS;
                return new Failed(verb, api.reason() + " (HTTP " + api.code() + ")", contention);
            }
            if (error instanceof KubeException) {
                return new Failed(verb, error.getMessage(), false);
            }
            // A lease we cannot read (a malformed time) is as good as no answer; say which kind of error.
            return new Failed(verb, error.getClass().getSimpleName() + ": " + error.getMessage(), false);
        }
    }
}
