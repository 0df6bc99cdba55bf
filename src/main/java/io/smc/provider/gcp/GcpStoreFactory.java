package io.smc.provider.gcp;

import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.provider.gcp.auth.GcpIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Opens a {@link GcpSecretStore} for one run of the command line. */
public final class GcpStoreFactory {
    /**
     * Calls in flight at once: with tens of milliseconds per call, one at a time would take minutes for thousands
     * of secrets, while the quota limiter keeps any number of threads within the project's quota.
     */
    public static final int PARALLELISM = 16;

    private GcpStoreFactory() {
    }

    /**
     * Where and as whom to connect.
     *
     * @param location    null for global secrets
     * @param keyFile     a service account key file, or null for Application Default Credentials
     * @param impersonate a service account to act as, or null
     * @param quotas      the project's quotas, which the calls are paced by
     */
    public record Target(String project, String location, GcpTransport transport, GcpEndpoint endpoint,
            Path keyFile, String impersonate, QuotaSettings quotas) {
    }

    /** An open store with the pool that holds its client. */
    public record Opened(GcpSecretStore store, GcpStorePool pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }

    public static Opened open(Target target, ProviderMetrics metrics) throws StoreException {
        GcpStorePool pool = new GcpStorePool(GcpCredentialsFactory.fromEnvironment(), target.quotas(),
                RetryPolicy.defaults(), metrics, Duration.ofMinutes(5));
        try {
            GcpStorePool.Lease lease = pool.acquire(new GcpStorePool.Key(target.project(), target.location(),
                    target.transport(), target.endpoint(), identity(target)));
            return new Opened(lease.store(), pool);
        } catch (StoreException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static GcpIdentity identity(Target target) throws StoreException {
        GcpIdentity identity;
        if (target.keyFile() == null) {
            identity = GcpIdentity.applicationDefault();
        } else {
            try {
                identity = GcpIdentity.serviceAccountKey(Files.readAllBytes(target.keyFile()),
                        "file " + target.keyFile());
            } catch (NoSuchFileException e) {
                throw StoreException.refused("service account key file " + target.keyFile() + " does not exist");
            } catch (IOException e) {
                throw StoreException.refused("service account key file " + target.keyFile() + " cannot be read: "
                        + e.getClass().getSimpleName());
            }
        }
        if (target.impersonate() != null) {
            try {
                identity = identity.impersonating(target.impersonate());
            } catch (IllegalArgumentException e) {
                throw StoreException.refused("--gcp-impersonate: " + e.getMessage());
            }
        }
        return identity;
    }
}
