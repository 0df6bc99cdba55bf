package io.smc.provider.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.GcpAuthException;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.provider.gcp.auth.GcpIdentity;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's Secret Manager stores: one client (a connection with its credentials) per project, location,
 * endpoint, transport and identity, shared by every config that needs the same, and closed once no config has used
 * it for a while. One quota limiter per project, whatever the clients: quotas are the project's.
 */
public final class GcpStorePool implements AutoCloseable {
    /** Everything that makes two stores need different clients. */
    public record Key(String project, String location, GcpTransport transport, GcpEndpoint endpoint,
            GcpIdentity identity) {
    }

    private final GcpCredentialsFactory credentials;
    private final QuotaSettings quotas;
    private final RetryPolicy retry;
    private final ProviderMetrics metrics;
    private final SharedClients<Key, SecretManagerServiceClient> clients;
    private final Map<String, QuotaLimiter> limiters = new ConcurrentHashMap<>();

    public GcpStorePool(GcpCredentialsFactory credentials, QuotaSettings quotas, RetryPolicy retry,
            ProviderMetrics metrics, Duration idleTime) {
        this.credentials = credentials;
        this.quotas = quotas;
        this.retry = retry;
        this.metrics = metrics;
        this.clients = new SharedClients<>(idleTime);
    }

    /** A store for {@code key}; close the lease when done with it. */
    public Lease acquire(Key key) throws StoreException {
        clients.closeIdle(); // each acquire sweeps, so idle clients go even without a timer
        SharedClients.Lease<SecretManagerServiceClient> lease;
        try {
            lease = clients.acquire(key, this::client);
        } catch (ClientFailure e) {
            throw e.failure;
        }
        return new Lease(new GcpSecretStore(lease.client(), key.project(), key.location(), limiter(key.project()),
                Retrier.system(retry), metrics), lease);
    }

    private SecretManagerServiceClient client(Key key) {
        try {
            return GcpClients.create(key.transport(), key.endpoint(), key.endpoint().plaintext()
                    ? NoCredentialsProvider.create()
                    : FixedCredentialsProvider.create(credentials.create(key.identity())));
        } catch (GcpAuthException e) {
            throw new ClientFailure(StoreException.refused(e.getMessage(), e));
        } catch (IOException e) {
            throw new ClientFailure(StoreException.transientFailure("cannot connect to Secret Manager at "
                    + key.endpoint() + ": " + e.getMessage(), e));
        }
    }

    /** Carries a {@link StoreException} out of the client factory, which may not throw checked exceptions. */
    private static final class ClientFailure extends RuntimeException {
        private final StoreException failure;

        ClientFailure(StoreException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** The limiter of a project's calls, shared by every store of the project. */
    QuotaLimiter limiter(String project) {
        return limiters.computeIfAbsent(project, p -> QuotaLimiter.system(quotas));
    }

    /** Closes the clients no config has used for the idle time; call it now and then. */
    public int closeIdle() {
        return clients.closeIdle();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** A store borrowed from the pool. */
    public record Lease(GcpSecretStore store, SharedClients.Lease<SecretManagerServiceClient> client)
            implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }
}
