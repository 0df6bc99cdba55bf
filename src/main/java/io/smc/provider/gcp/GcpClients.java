package io.smc.provider.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Duration;

/** Builds clients of the official library for an endpoint and transport. */
public final class GcpClients {
    /** Deadline of one call; a hung connection must not hold a reconcile forever. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private GcpClients() {
    }

    /**
     * A client whose own retries are off: {@link GcpCalls} retries every call itself, writes included, paced by the
     * quota limiter, so the library must not multiply the attempts behind its back.
     */
    public static SecretManagerServiceClient create(GcpTransport transport, GcpEndpoint endpoint,
            CredentialsProvider credentials) throws IOException {
        SecretManagerServiceSettings.Builder settings = transport == GcpTransport.REST
                ? SecretManagerServiceSettings.newHttpJsonBuilder() : SecretManagerServiceSettings.newBuilder();
        if (endpoint.plaintext()) {
            settings.setCredentialsProvider(NoCredentialsProvider.create());
            if (transport == GcpTransport.REST) {
                settings.setTransportChannelProvider(SecretManagerServiceSettings
                        .defaultHttpJsonTransportProviderBuilder().setEndpoint("http://" + endpoint.address()).build());
            } else {
                // The library's defaults (such as no limit on the size of an answer: a page lists up to 25,000
                // secrets), only in plaintext.
                settings.setTransportChannelProvider(SecretManagerServiceSettings.defaultGrpcTransportProviderBuilder()
                        .setEndpoint(endpoint.address())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build());
            }
        } else {
            settings.setCredentialsProvider(credentials);
            if (endpoint.address() != null) {
                settings.setEndpoint(endpoint.address());
            }
        }
        settings.applyToAllUnaryMethods(method -> {
            method.setRetryableCodes();
            method.setSimpleTimeoutNoRetriesDuration(CALL_TIMEOUT);
            return null;
        });
        return SecretManagerServiceClient.create(settings.build());
    }
}
