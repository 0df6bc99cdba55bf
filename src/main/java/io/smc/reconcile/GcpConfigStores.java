package io.smc.reconcile;

import io.smc.api.GcpProvider;
import io.smc.api.SecretManagerConfig;
import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.SecretData;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.ConfigIdentity;
import io.smc.provider.gcp.GcpEndpoint;
import io.smc.provider.gcp.GcpStoreFactory;
import io.smc.provider.gcp.GcpStorePool;
import io.smc.provider.gcp.GcpTransport;
import java.util.Objects;
import java.util.Optional;

/**
 * Google Cloud Secret Manager stores for configs, from one pool of clients shared by every config of the process (one
 * client per project, location, transport, endpoint and identity). The identity comes from the config's
 * {@code auth}: a service account key is read from its Secret with a GET when the store is opened, never cached
 * with the other Secrets of the cluster.
 */
public final class GcpConfigStores implements ConfigStores {
    private final GcpStorePool pool;
    private final KubeApi api;
    private final GcpTransport transport;
    private final String emulatorHost;
    private final String controllerEndpoint;

    /**
     * @param emulatorHost       {@code SECRET_MANAGER_EMULATOR_HOST}: plaintext, no credentials; null for none
     * @param controllerEndpoint the controller-wide endpoint ({@code --gcp-endpoint}); a config's own wins
     */
    public GcpConfigStores(GcpStorePool pool, KubeApi api, GcpTransport transport, String emulatorHost,
            String controllerEndpoint) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.api = Objects.requireNonNull(api, "api");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.emulatorHost = emulatorHost;
        this.controllerEndpoint = controllerEndpoint;
    }

    @Override
    public Opened open(SecretManagerConfig config, String namespace) throws StoreException {
        GcpProvider gcp = config.spec().provider().gcp();
        if (gcp == null) {
            throw StoreException.refused("spec.provider names no provider this controller supports (gcp)");
        }
        GcpEndpoint endpoint = GcpEndpoint.resolve(emulatorHost, gcp.endpoint(), controllerEndpoint, gcp.location());
        GcpStorePool.Lease lease = pool.acquire(new GcpStorePool.Key(gcp.projectId(), gcp.location(), transport,
                endpoint, ConfigIdentity.resolve(gcp.auth(), namespace, this::secretKey)));
        return new Opened(lease.store(), GcpStoreFactory.PARALLELISM, lease);
    }

    private Optional<byte[]> secretKey(String namespace, String name, String key) throws StoreException {
        try {
            return SecretData.get(api, namespace, name).flatMap(secret -> secret.entry(key));
        } catch (KubeException e) {
            throw failure(e);
        }
    }

    private static StoreException failure(KubeException e) {
        return e.retryable() ? StoreException.transientFailure(e.getMessage(), e) : StoreException.refused(
                e.getMessage(), e);
    }
}
