package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.rpc.UnauthenticatedException;
import com.google.auth.Credentials;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the client sends as {@code authorization}, over each transport. */
class AuthorizationHeaderTest {
    private static final String PROJECT = "my-proj";
    private static final SecretName SECRET = SecretName.of(PROJECT, "s");

    private FakeSecretManager fake;

    @BeforeEach
    void start() {
        fake = FakeSecretManager.start(PROJECT);
        fake.createSecretDirectly(PROJECT, "s", Map.of());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static GoogleCredentials googleCredentials() {
        return GoogleCredentials.create(new AccessToken("test-token", Date.from(Instant.now().plusSeconds(3600))));
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void noCredentialsSendNoAuthorization(Protocol protocol) {
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            client.getSecret(SECRET);

            assertEquals(Optional.empty(), fake.lastAuthorization(protocol));
            assertTrue(fake.lastRequest(protocol).orElseThrow().header("x-goog-api-client").isPresent());
        }
    }

    @Test
    void restSendsTheBearerTokenOfGoogleCredentials() {
        try (SecretManagerServiceClient client = Clients.client(fake, Protocol.REST,
                FixedCredentialsProvider.create(googleCredentials()), settings -> { })) {
            client.getSecret(SECRET);

            assertEquals(Optional.of("Bearer test-token"), fake.lastAuthorization(Protocol.REST));
        }
    }

    /**
     * grpc-auth refuses to put Google credentials on a channel without transport security: the call fails in the
     * client with UNAUTHENTICATED and never reaches the fake.
     */
    @Test
    void plaintextGrpcRefusesGoogleCredentialsBeforeSending() {
        try (SecretManagerServiceClient client = Clients.client(fake, Protocol.GRPC,
                FixedCredentialsProvider.create(googleCredentials()), Clients::noRetries)) {
            UnauthenticatedException refused = assertThrows(UnauthenticatedException.class,
                    () -> client.getSecret(SECRET));

            assertTrue(refused.getMessage().contains("PRIVACY_AND_INTEGRITY"), refused.getMessage());
            assertEquals(Map.of(), fake.calls());
        }
    }

    /** Credentials that are not GoogleCredentials are sent over plaintext, which is how a gRPC test sees a token. */
    @Test
    void plaintextGrpcSendsOtherCredentials() {
        try (SecretManagerServiceClient client = Clients.client(fake, Protocol.GRPC,
                FixedCredentialsProvider.create(new BearerToken("test-token")), settings -> { })) {
            client.getSecret(SECRET);

            assertEquals(Optional.of("Bearer test-token"), fake.lastAuthorization(Protocol.GRPC));
        }
    }

    /** A fixed bearer token, as a plain {@link Credentials}. */
    private static final class BearerToken extends Credentials {
        private static final long serialVersionUID = 1L;

        private final String token;

        BearerToken(String token) {
            this.token = token;
        }

        @Override
        public String getAuthenticationType() {
            return "OAuth2";
        }

        @Override
        public Map<String, List<String>> getRequestMetadata(URI uri) {
            return Map.of("Authorization", List.of("Bearer " + token));
        }

        @Override
        public boolean hasRequestMetadata() {
            return true;
        }

        @Override
        public boolean hasRequestMetadataOnly() {
            return true;
        }

        @Override
        public void refresh() {
        }
    }
}
