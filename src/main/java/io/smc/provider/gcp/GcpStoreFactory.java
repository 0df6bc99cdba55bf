package io.smc.provider.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.smc.provider.StoreException;
import io.smc.provider.gcp.auth.GcpAuthException;
import io.smc.provider.gcp.auth.GcpCredentialsFactory;
import io.smc.provider.gcp.auth.GcpIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Opens a {@link GcpSecretStore} for one run of the command line: credentials, client, limiter and retries. */
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
     * @param location        null for global secrets
     * @param keyFile         a service account key file, or null for Application Default Credentials
     * @param impersonate     a service account to act as, or null
     */
    public record Target(String project, String location, GcpTransport transport, GcpEndpoint endpoint,
            Path keyFile, String impersonate) {
    }

    /** An open store with the client it closes. */
    public record Opened(GcpSecretStore store, SecretManagerServiceClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    public static Opened open(Target target) throws StoreException {
        SecretManagerServiceClient client;
        try {
            client = GcpClients.create(target.transport(), target.endpoint(), target.endpoint().plaintext()
                    ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(credentials(target)));
        } catch (IOException e) {
            throw StoreException.refused("cannot connect to Secret Manager at " + target.endpoint() + ": "
                    + e.getMessage(), e);
        }
        GcpSecretStore store = new GcpSecretStore(client, target.project(), target.location(),
                QuotaLimiter.system(QuotaSettings.defaults()), Retrier.system(RetryPolicy.defaults()),
                ProviderMetrics.NONE);
        return new Opened(store, client);
    }

    private static GoogleCredentials credentials(Target target) throws StoreException {
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
            identity = identity.impersonating(target.impersonate());
        }
        try {
            return GcpCredentialsFactory.fromEnvironment().create(identity);
        } catch (GcpAuthException e) {
            throw StoreException.refused(e.getMessage(), e);
        }
    }
}
