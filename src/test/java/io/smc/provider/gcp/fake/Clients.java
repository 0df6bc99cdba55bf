package io.smc.provider.gcp.fake;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.httpjson.InstantiatingHttpJsonChannelProvider;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** The real client library pointed at the fake, over either transport. */
final class Clients {
    private Clients() {
    }

    static SecretManagerServiceClient client(FakeSecretManager fake, Protocol protocol) {
        return client(fake, protocol, settings -> { });
    }

    /** A client without its own retries, for tests that count calls or expect the first error. */
    static SecretManagerServiceClient withoutRetries(FakeSecretManager fake, Protocol protocol) {
        return client(fake, protocol, Clients::noRetries);
    }

    static SecretManagerServiceClient client(FakeSecretManager fake, Protocol protocol,
            Consumer<SecretManagerServiceSettings.Builder> tweak) {
        return client(fake, protocol, NoCredentialsProvider.create(), tweak);
    }

    static SecretManagerServiceClient client(FakeSecretManager fake, Protocol protocol,
            CredentialsProvider credentials, Consumer<SecretManagerServiceSettings.Builder> tweak) {
        SecretManagerServiceSettings.Builder settings = switch (protocol) {
            case GRPC -> SecretManagerServiceSettings.newBuilder()
                    .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(fake.target())
                            .setChannelConfigurator(channel -> channel.usePlaintext())
                            .build());
            // The scheme matters: without one the REST client prepends https://.
            case REST -> SecretManagerServiceSettings.newHttpJsonBuilder()
                    .setTransportChannelProvider(InstantiatingHttpJsonChannelProvider.newBuilder()
                            .setEndpoint(fake.endpoint())
                            .build());
        };
        settings.setCredentialsProvider(credentials);
        tweak.accept(settings);
        try {
            return SecretManagerServiceClient.create(settings.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Only AccessSecretVersion retries by default (UNAVAILABLE and RESOURCE_EXHAUSTED, first after 2 s, for up to a
     * minute); without that, a test sees the fake's first answer.
     */
    static void noRetries(SecretManagerServiceSettings.Builder settings) {
        settings.accessSecretVersionSettings().setRetryableCodes();
    }
}
