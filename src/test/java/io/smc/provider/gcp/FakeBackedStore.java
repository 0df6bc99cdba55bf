package io.smc.provider.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import io.smc.kube.testing.RecordingSleeper;
import io.smc.provider.gcp.fake.FakeSecretManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A {@link GcpSecretStore} on the production client, built as the command line builds it for an emulator, talking
 * to the in-process fake. Retries back off into a recording sleeper, so tests neither wait nor depend on time.
 */
final class FakeBackedStore implements AutoCloseable {
    static final String PROJECT = "team-project";
    static final RetryPolicy FAST_RETRIES = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), 2.0);

    final SecretManagerServiceClient client;
    final GcpSecretStore store;
    final RecordingSleeper sleeper = new RecordingSleeper();

    FakeBackedStore(FakeSecretManager fake, GcpTransport transport, String project, String location,
            ProviderMetrics metrics) {
        client = client(fake, transport);
        // Quotas far above what a test uses: these tests are about calls, not pacing. The limiter waits for real
        // (only after a RESOURCE_EXHAUSTED, briefly); the retries' backoff is recorded instead.
        QuotaLimiter limiter = QuotaLimiter.system(QuotaSettings.defaults().scaled(1000));
        store = new GcpSecretStore(client, project, location, limiter, new Retrier(FAST_RETRIES, () -> 0.5, sleeper),
                metrics);
    }

    FakeBackedStore(FakeSecretManager fake, GcpTransport transport) {
        this(fake, transport, PROJECT, null, ProviderMetrics.NONE);
    }

    /** The production client for an emulator at the fake's front end of that transport. */
    static SecretManagerServiceClient client(FakeSecretManager fake, GcpTransport transport) {
        String address = transport == GcpTransport.REST ? fake.restAddress() : fake.target();
        try {
            return GcpClients.create(transport, new GcpEndpoint(address, true), NoCredentialsProvider.create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
