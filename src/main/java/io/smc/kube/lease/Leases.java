package io.smc.kube.lease;

import io.smc.kube.ApiException;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed access to {@code coordination.k8s.io/v1} Leases, the building block of leader election: read one, create
 * one, replace one guarded by its resourceVersion. Errors are the API's: {@link ApiException} with
 * {@code ALREADY_EXISTS} when a create loses to another replica, {@code CONFLICT} when an update does.
 *
 * <p>An update replaces the whole object, so labels or annotations someone else put on the Lease are dropped: the
 * Leases this program writes are its own.
 */
public final class Leases {
    private final KubeApi api;

    public Leases(KubeApi api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The lease, or empty when there is none. */
    public Optional<LeaseRecord> get(String namespace, String name) throws KubeException {
        try {
            return Optional.of(LeaseRecord.fromLease(api.get(ResourceType.LEASES, namespace, name)));
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the lease; the record's resourceVersion is ignored. Returns it as stored, with its resourceVersion. */
    public LeaseRecord create(String namespace, String name, LeaseRecord lease) throws KubeException {
        LeaseRecord fresh = new LeaseRecord(lease.holderIdentity(), lease.leaseDurationSeconds(), lease.acquireTime(),
                lease.renewTime(), lease.leaseTransitions(), null);
        return LeaseRecord.fromLease(api.create(ResourceType.LEASES, namespace, fresh.toLease(namespace, name)));
    }

    /**
     * Replaces the lease if it is still at the record's resourceVersion. Returns it as stored.
     *
     * @throws ApiException CONFLICT when the lease changed since that version
     */
    public LeaseRecord update(String namespace, String name, LeaseRecord lease) throws KubeException {
        if (lease.resourceVersion() == null) {
            throw new IllegalArgumentException("updating lease " + namespace + "/" + name
                    + " needs the resourceVersion it was read at");
        }
        return LeaseRecord.fromLease(api.update(ResourceType.LEASES, namespace, lease.toLease(namespace, name)));
    }
}
