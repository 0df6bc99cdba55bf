package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each fault as the real client library meets it, over gRPC and over REST. */
class FakeSecretManagerFaultsTest {
    private static final String PROJECT = "my-proj";
    private static final SecretName SECRET = SecretName.of(PROJECT, "s");
    private static final SecretVersionName LATEST = SecretVersionName.of(PROJECT, "s", "latest");

    private FakeSecretManager fake;

    @BeforeEach
    void start() {
        fake = FakeSecretManager.start(PROJECT);
        fake.createSecretDirectly(PROJECT, "s", Map.of());
        fake.addVersionDirectly(PROJECT, "s", "value");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static SecretPayload payload(String text) {
        return SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(text)).build();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void latencyHoldsTheAnswerBackAfterTheCallHasTakenEffect(Protocol protocol) {
        fake.setLatency(Duration.ofMillis(300));
        try (SecretManagerServiceClient patient = Clients.client(fake, protocol);
                SecretManagerServiceClient hasty = Clients.client(fake, protocol, settings -> settings
                        .addSecretVersionSettings().setSimpleTimeoutNoRetriesDuration(Duration.ofMillis(100)))) {
            long start = System.nanoTime();
            patient.getSecret(SECRET);
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());

            // The client gives up waiting, yet the version was added: why an add must be checked before it is retried.
            ApiException timedOut = assertThrows(ApiException.class,
                    () -> hasty.addSecretVersion(SECRET, payload("late")));
            assertEquals(com.google.api.gax.rpc.StatusCode.Code.DEADLINE_EXCEEDED, timedOut.getStatusCode().getCode(),
                    ClientErrors.messages(timedOut));
            fake.setLatency(Duration.ZERO);
            assertEquals("late", patient.accessSecretVersion(LATEST).getPayload().getData().toStringUtf8());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void callsBeyondTheRateAreResourceExhaustedAndTheNextTokenComesAtTheRate(Protocol protocol)
            throws InterruptedException {
        fake.setQuota(CallClass.ACCESS, 120);
        try (SecretManagerServiceClient client = Clients.withoutRetries(fake, protocol)) {
            client.accessSecretVersion(LATEST);
            client.accessSecretVersion(LATEST);
            ResourceExhaustedException exhausted = assertThrows(ResourceExhaustedException.class,
                    () -> client.accessSecretVersion(LATEST));

            assertTrue(ClientErrors.messages(exhausted).contains("Quota exceeded for quota metric 'Access requests' "
                    + "and limit 'Access requests per minute per project' of service 'secretmanager.googleapis.com' "
                    + "for consumer 'project_number:" + FakeSecretManager.projectNumber(PROJECT) + "'."),
                    ClientErrors.messages(exhausted));
            // Over gRPC the client reads the ErrorInfo detail; the REST client reads only the HTTP status.
            assertEquals(protocol == Protocol.GRPC ? "RATE_LIMIT_EXCEEDED" : null, exhausted.getReason());
            assertEquals(1, fake.resourceExhausted());
            assertEquals(1, fake.errors("AccessSecretVersion", Status.Code.RESOURCE_EXHAUSTED));
            client.getSecret(SECRET);

            Thread.sleep(500);
            client.accessSecretVersion(LATEST);
            assertEquals(4, fake.calls("AccessSecretVersion"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void accessRetriesUnavailableByItselfButAddDoesNot(Protocol protocol) {
        fake.failNext("AccessSecretVersion", Status.UNAVAILABLE, 2);
        fake.failNext("AddSecretVersion", Status.UNAVAILABLE.withDescription("backend restarting"), 1);
        try (SecretManagerServiceClient client = Clients.client(fake, protocol, settings -> settings
                .accessSecretVersionSettings().setRetrySettings(settings.accessSecretVersionSettings()
                        .getRetrySettings().toBuilder()
                        .setInitialRetryDelayDuration(Duration.ofMillis(10))
                        .setMaxRetryDelayDuration(Duration.ofMillis(10))
                        .build()))) {
            assertEquals("value", client.accessSecretVersion(LATEST).getPayload().getData().toStringUtf8());
            assertEquals(3, fake.calls("AccessSecretVersion"));
            assertEquals(2, fake.errors("AccessSecretVersion", Status.Code.UNAVAILABLE));

            UnavailableException unavailable = assertThrows(UnavailableException.class,
                    () -> client.addSecretVersion(SECRET, payload("new")));
            assertEquals(1, fake.calls("AddSecretVersion"));
            assertEquals(1, fake.versions(PROJECT, "s").size(), "a failed-before call changes nothing");
            if (protocol == Protocol.GRPC) {
                assertTrue(unavailable.getMessage().contains("backend restarting"));
            }

            client.addSecretVersion(SECRET, payload("new"));
            assertEquals(2, fake.versions(PROJECT, "s").size());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void applyThenFailAddsTheVersionButAnswersAnError(Protocol protocol) {
        fake.applyThenFail("AddSecretVersion", Status.UNAVAILABLE, 1);
        try (SecretManagerServiceClient client = Clients.withoutRetries(fake, protocol)) {
            assertThrows(UnavailableException.class, () -> client.addSecretVersion(SECRET, payload("landed")));

            assertEquals(2, fake.versions(PROJECT, "s").size());
            assertEquals("landed", client.accessSecretVersion(LATEST).getPayload().getData().toStringUtf8());
            assertEquals(1, fake.errors("AddSecretVersion", Status.Code.UNAVAILABLE));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aDeniedPermissionNamesItselfAndTheResourceAsSent(Protocol protocol) {
        fake.denyPermission(PROJECT, "secretmanager.versions.add");
        try (SecretManagerServiceClient client = Clients.withoutRetries(fake, protocol)) {
            PermissionDeniedException denied = assertThrows(PermissionDeniedException.class,
                    () -> client.addSecretVersion(SECRET, payload("x")));
            assertTrue(ClientErrors.messages(denied).contains("Permission 'secretmanager.versions.add' denied for "
                    + "resource 'projects/my-proj/secrets/s' (or it may not exist)."), ClientErrors.messages(denied));
            assertEquals(protocol == Protocol.GRPC ? "IAM_PERMISSION_DENIED" : null, denied.getReason());

            String byNumber = SecretName.of(Long.toString(FakeSecretManager.projectNumber(PROJECT)), "s").toString();
            assertThrows(PermissionDeniedException.class, () -> client.addSecretVersion(byNumber, payload("x")));
            client.accessSecretVersion(LATEST);
            assertEquals(1, fake.versions(PROJECT, "s").size());

            fake.allowPermission(PROJECT, "secretmanager.versions.add");
            client.addSecretVersion(SECRET, payload("x"));
            assertEquals(2, fake.errors("AddSecretVersion", Status.Code.PERMISSION_DENIED));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void countersAddUpAcrossMethodsAndReset(Protocol protocol) {
        fake.failNext("CreateSecret", Status.INTERNAL, 1);
        try (SecretManagerServiceClient client = Clients.withoutRetries(fake, protocol)) {
            Secret secret = Secret.newBuilder()
                    .setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance()))
                    .build();
            assertThrows(ApiException.class, () -> client.createSecret(ProjectName.of(PROJECT), "t", secret));
            client.createSecret(ProjectName.of(PROJECT), "t", secret);
            client.getSecret(SECRET);

            assertEquals(Map.of("CreateSecret", 2, "GetSecret", 1), fake.calls());
            assertEquals(1, fake.errors("CreateSecret"));
            assertEquals(1, fake.errors("CreateSecret", Status.Code.INTERNAL));
            assertEquals("GetSecret", fake.lastRequest(protocol).orElseThrow().method());

            fake.resetCounters();
            assertEquals(Map.of(), fake.calls());
            assertEquals(0, fake.errors("CreateSecret"));
            assertTrue(fake.lastRequest(protocol).isEmpty());
        }
    }
}
