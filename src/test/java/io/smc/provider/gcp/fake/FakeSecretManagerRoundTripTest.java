package io.smc.provider.gcp.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CustomerManagedEncryption;
import com.google.cloud.secretmanager.v1.DeleteSecretRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsRequest;
import com.google.cloud.secretmanager.v1.ListSecretsResponse;
import com.google.cloud.secretmanager.v1.LocationName;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every RPC through the real client library, over gRPC and over REST. */
class FakeSecretManagerRoundTripTest {
    private static final String PROJECT = "my-proj";
    private static final long NUMBER = FakeSecretManager.projectNumber(PROJECT);
    private static final Replication AUTOMATIC = Replication.newBuilder()
            .setAutomatic(Replication.Automatic.getDefaultInstance())
            .build();

    private FakeSecretManager fake;

    @BeforeEach
    void start() {
        fake = FakeSecretManager.start(PROJECT);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static Secret secret(Map<String, String> labels) {
        return Secret.newBuilder().setReplication(AUTOMATIC).putAllLabels(labels).build();
    }

    private static SecretPayload payload(String text) {
        return SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(text)).build();
    }

    private static String text(AccessSecretVersionResponse response) {
        return response.getPayload().getData().toStringUtf8();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void secretsAreCreatedReadListedAndDeletedWithTheProjectNumberInTheirNames(Protocol protocol) {
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            Secret created = client.createSecret(ProjectName.of(PROJECT), "db-password",
                    secret(Map.of("env", "prod")).toBuilder().putAnnotations("owner", "team-a").build());

            assertEquals("projects/" + NUMBER + "/secrets/db-password", created.getName());
            assertTrue(String.valueOf(NUMBER).matches("\\d{12}"));
            assertEquals(Map.of("env", "prod"), created.getLabelsMap());
            assertEquals(Map.of("owner", "team-a"), created.getAnnotationsMap());
            assertTrue(created.getReplication().hasAutomatic());
            assertTrue(created.hasCreateTime());
            assertTrue(created.getEtag().matches("\"[0-9a-f]+\""), created.getEtag());

            assertEquals(created, client.getSecret(SecretName.of(PROJECT, "db-password")));
            assertEquals(created, client.getSecret(SecretName.of(String.valueOf(NUMBER), "db-password")));
            assertEquals(List.of(created), list(client.listSecrets(ProjectName.of(PROJECT))));

            client.deleteSecret(SecretName.of(PROJECT, "db-password"));

            assertThrows(NotFoundException.class, () -> client.getSecret(SecretName.of(PROJECT, "db-password")));
            assertTrue(fake.secret(PROJECT, "db-password").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void versionsAreNumberedFromOneAndAccessAnswersTheNumberAndTheChecksum(Protocol protocol) {
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            Secret created = client.createSecret(ProjectName.of(PROJECT), "token", secret(Map.of()));
            SecretVersion first = client.addSecretVersion(created.getName(), payload("one"));
            SecretVersion second = client.addSecretVersion(SecretName.of(PROJECT, "token"), payload("two"));

            assertEquals(created.getName() + "/versions/1", first.getName());
            assertEquals(created.getName() + "/versions/2", second.getName());
            assertEquals(SecretVersion.State.ENABLED, second.getState());
            assertNotEquals(first.getEtag(), second.getEtag());
            assertEquals(created.getEtag(), client.getSecret(created.getName()).getEtag(),
                    "adding a version leaves the secret's etag alone");

            AccessSecretVersionResponse latest = client.accessSecretVersion(
                    SecretVersionName.of(PROJECT, "token", "latest"));
            assertEquals(created.getName() + "/versions/2", latest.getName());
            assertEquals("two", text(latest));
            assertEquals(crc32c("two"), latest.getPayload().getDataCrc32C());
            assertEquals("one", text(client.accessSecretVersion(SecretVersionName.of(PROJECT, "token", "1"))));
            assertEquals(second, client.getSecretVersion(SecretVersionName.of(PROJECT, "token", "latest")));
            assertThrows(NotFoundException.class,
                    () -> client.getSecretVersion(SecretVersionName.of(PROJECT, "token", "3")));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void versionsAreListedNewestFirstAndPaged(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "paged", Map.of());
        for (int i = 1; i <= 5; i++) {
            fake.addVersionDirectly(PROJECT, "paged", "v" + i);
        }
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            var response = client.listSecretVersions(ListSecretVersionsRequest.newBuilder()
                    .setParent(SecretName.of(PROJECT, "paged").toString())
                    .setPageSize(2)
                    .build());

            assertEquals(List.of("5", "4"), numbers(response.getPage().getValues()));
            assertFalse(response.getNextPageToken().isEmpty());
            assertEquals(List.of("5", "4", "3", "2", "1"), numbers(response.iterateAll()));
            assertEquals(3, fake.calls("ListSecretVersions"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void disableEnableAndDestroyMoveTheStateAndDestroyWipesTheData(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "life", Map.of());
        SecretVersion added = fake.addVersionDirectly(PROJECT, "life", "secret");
        SecretVersionName one = SecretVersionName.of(PROJECT, "life", "1");
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            SecretVersion disabled = client.disableSecretVersion(one);
            assertEquals(SecretVersion.State.DISABLED, disabled.getState());
            assertNotEquals(added.getEtag(), disabled.getEtag());
            assertThrows(ClientErrors.failedPrecondition(protocol), () -> client.accessSecretVersion(one));

            assertEquals(SecretVersion.State.ENABLED, client.enableSecretVersion(one).getState());
            assertEquals("secret", text(client.accessSecretVersion(one)));

            SecretVersion destroyed = client.destroySecretVersion(one);
            assertEquals(SecretVersion.State.DESTROYED, destroyed.getState());
            assertTrue(destroyed.hasDestroyTime());
            assertTrue(fake.data(PROJECT, "life", "1").isEmpty());
            ApiException accessDestroyed = assertThrows(ClientErrors.failedPrecondition(protocol),
                    () -> client.accessSecretVersion(one));
            assertTrue(ClientErrors.messages(accessDestroyed).contains("is in DESTROYED state"),
                    ClientErrors.messages(accessDestroyed));
            assertThrows(ClientErrors.failedPrecondition(protocol), () -> client.enableSecretVersion(one));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void latestIsTheNewestVersionEvenWhenDisabled(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "api-key", Map.of());
        fake.addVersionDirectly(PROJECT, "api-key", "good");
        fake.addVersionDirectly(PROJECT, "api-key", "newer");
        fake.disableVersionDirectly(PROJECT, "api-key", 2);
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            SecretVersionName latest = SecretVersionName.of(PROJECT, "api-key", "latest");

            ApiException refused = assertThrows(ClientErrors.failedPrecondition(protocol),
                    () -> client.accessSecretVersion(latest));
            assertTrue(ClientErrors.messages(refused).contains(
                    "Secret Version [projects/" + NUMBER + "/secrets/api-key/versions/2] is in DISABLED state."),
                    ClientErrors.messages(refused));
            assertEquals(SecretVersion.State.DISABLED, client.getSecretVersion(latest).getState());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void accessWithoutVersionsOrSecretIsNotFound(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "empty", Map.of());
        try (SecretManagerServiceClient client = Clients.withoutRetries(fake, protocol)) {
            NotFoundException none = assertThrows(NotFoundException.class,
                    () -> client.accessSecretVersion(SecretVersionName.of(PROJECT, "empty", "latest")));
            assertTrue(ClientErrors.messages(none).contains(
                    "Secret [projects/" + NUMBER + "/secrets/empty] not found or has no versions."));
            assertThrows(NotFoundException.class,
                    () -> client.addSecretVersion(SecretName.of(PROJECT, "missing"), payload("x")));
            NotFoundException unknownProject = assertThrows(NotFoundException.class,
                    () -> client.getSecret(SecretName.of("other-proj", "empty")));
            assertTrue(ClientErrors.messages(unknownProject).contains("projects/other-proj"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void labelsAndAnnotationsAreUpdatedUnderAMaskAndAStaleEtagIsRefused(Protocol protocol) {
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            Secret created = client.createSecret(ProjectName.of(PROJECT), "cfg",
                    secret(Map.of("env", "dev", "team", "a")));
            FieldMask both = FieldMask.newBuilder().addPaths("labels").addPaths("annotations").build();

            Secret updated = client.updateSecret(created.toBuilder()
                    .clearLabels().putLabels("env", "prod")
                    .putAnnotations("smc.io.source", "git")
                    .build(), both);

            assertEquals(Map.of("env", "prod"), updated.getLabelsMap());
            assertEquals(Map.of("smc.io.source", "git"), updated.getAnnotationsMap());
            assertNotEquals(created.getEtag(), updated.getEtag());
            assertEquals(updated, fake.secret(PROJECT, "cfg").orElseThrow());

            ApiException stale = assertThrows(ClientErrors.failedPrecondition(protocol),
                    () -> client.updateSecret(created.toBuilder().putLabels("env", "test").build(), both));
            assertTrue(ClientErrors.messages(stale).contains("etag"), ClientErrors.messages(stale));
            assertEquals(updated, fake.secret(PROJECT, "cfg").orElseThrow());

            Secret withoutEtag = updated.toBuilder().clearEtag().putLabels("env", "test").build();
            assertEquals("test", client.updateSecret(withoutEtag, FieldMask.newBuilder().addPaths("labels")
                    .build()).getLabelsOrThrow("env"));
            assertThrows(InvalidArgumentException.class, () -> client.updateSecret(withoutEtag,
                    FieldMask.newBuilder().addPaths("replication").build()));
            assertThrows(InvalidArgumentException.class,
                    () -> client.updateSecret(withoutEtag, FieldMask.getDefaultInstance()));
            // Annotation keys may not hold a slash, unlike Kubernetes ones: the real service refuses "smc.io/source".
            assertThrows(InvalidArgumentException.class, () -> client.updateSecret(
                    withoutEtag.toBuilder().putAnnotations("smc.io/source", "git").build(),
                    FieldMask.newBuilder().addPaths("annotations").build()));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void deleteAndVersionChangesHonourTheirEtags(Protocol protocol) {
        Secret created = fake.createSecretDirectly(PROJECT, "guarded", Map.of());
        SecretVersion version = fake.addVersionDirectly(PROJECT, "guarded", "x");
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            SecretVersion disabled = client.disableSecretVersion(DisableSecretVersionRequest.newBuilder()
                    .setName(version.getName()).setEtag(version.getEtag()).build());
            assertThrows(ClientErrors.failedPrecondition(protocol), () -> client.disableSecretVersion(
                    DisableSecretVersionRequest.newBuilder()
                            .setName(version.getName()).setEtag(version.getEtag()).build()));
            assertEquals(disabled, fake.versions(PROJECT, "guarded").get(0));

            assertThrows(ClientErrors.failedPrecondition(protocol), () -> client.deleteSecret(
                    DeleteSecretRequest.newBuilder().setName(created.getName()).setEtag("\"stale\"").build()));
            client.deleteSecret(DeleteSecretRequest.newBuilder()
                    .setName(created.getName()).setEtag(created.getEtag()).build());
            assertTrue(fake.secret(PROJECT, "guarded").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void payloadChecksumSizeAndSecretIdAreChecked(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "checked", Map.of());
        SecretName checked = SecretName.of(PROJECT, "checked");
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            ApiException mismatch = assertThrows(InvalidArgumentException.class,
                    () -> client.addSecretVersion(checked, payload("data").toBuilder()
                            .setDataCrc32C(crc32c("other")).build()));
            assertTrue(ClientErrors.messages(mismatch).contains("Checksum mismatch"));

            SecretVersion withChecksum = client.addSecretVersion(checked, payload("data").toBuilder()
                    .setDataCrc32C(crc32c("data")).build());
            assertTrue(withChecksum.getClientSpecifiedPayloadChecksum());
            assertEquals(1, fake.versions(PROJECT, "checked").size());

            ByteString largest = ByteString.copyFrom(new byte[64 * 1024]);
            client.addSecretVersion(checked, SecretPayload.newBuilder().setData(largest).build());
            assertThrows(InvalidArgumentException.class, () -> client.addSecretVersion(checked,
                    SecretPayload.newBuilder().setData(largest.concat(ByteString.copyFromUtf8("!"))).build()));
            assertThrows(InvalidArgumentException.class, () -> client.addSecretVersion(
                    AddSecretVersionRequest.newBuilder().setParent(checked.toString()).build()));

            assertThrows(InvalidArgumentException.class,
                    () -> client.createSecret(ProjectName.of(PROJECT), "no/slashes", secret(Map.of())));
            assertThrows(InvalidArgumentException.class,
                    () -> client.createSecret(ProjectName.of(PROJECT), "x".repeat(256), secret(Map.of())));
            assertThrows(InvalidArgumentException.class,
                    () -> client.createSecret(ProjectName.of(PROJECT), "no-replication", Secret.getDefaultInstance()));
            assertThrows(InvalidArgumentException.class,
                    () -> client.createSecret(ProjectName.of(PROJECT), "upper", secret(Map.of("Env", "x"))));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void creatingAnExistingSecretIsRefused(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "taken", Map.of());
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            // gRPC: AlreadyExistsException; REST: 409, which the client maps back to AbortedException.
            ApiException refused = assertThrows(ClientErrors.alreadyExists(protocol),
                    () -> client.createSecret(ProjectName.of(PROJECT), "taken", secret(Map.of())));
            assertTrue(ClientErrors.messages(refused).contains(
                    "Secret [projects/" + NUMBER + "/secrets/taken] already exists."));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void secretsArePagedAndFilteredByLabelAndName(Protocol protocol) {
        fake.createSecretDirectly(PROJECT, "a", Map.of("managed-by", "smc", "env", "prod"));
        fake.createSecretDirectly(PROJECT, "b", Map.of("managed-by", "smc", "env", "dev"));
        fake.createSecretDirectly(PROJECT, "c", Map.of("env", "prod"));
        fake.createSecretDirectly(PROJECT, "d", Map.of("managed-by", "smc"));
        fake.createSecretDirectly(PROJECT, "e", Map.of());
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            ListSecretsResponse first = client.listSecretsCallable().call(ListSecretsRequest.newBuilder()
                    .setParent("projects/" + PROJECT).setPageSize(2).build());
            assertEquals(List.of("a", "b"), ids(first.getSecretsList()));
            assertEquals(5, first.getTotalSize());
            ListSecretsResponse second = client.listSecretsCallable().call(ListSecretsRequest.newBuilder()
                    .setParent("projects/" + PROJECT).setPageSize(2).setPageToken(first.getNextPageToken()).build());
            assertEquals(List.of("c", "d"), ids(second.getSecretsList()));

            assertEquals(List.of("a", "b", "d"), ids(filtered(client, "labels.managed-by=smc")));
            assertEquals(List.of("a", "b", "d"), ids(filtered(client, "labels.managed-by:*")));
            assertEquals(List.of("a"), ids(filtered(client, "labels.managed-by=smc AND labels.env=prod")));
            assertEquals(List.of("a"), ids(filtered(client, "labels.managed-by:smc labels.env:prod")));
            assertEquals(List.of("a", "c", "d"), ids(filtered(client, "name:\"d\" OR labels.env=\"prod\"")));
            assertThrows(InvalidArgumentException.class, () -> filtered(client, "NOT labels.env=prod"));
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void regionalSecretsAreASeparateNamespaceWithoutReplication(Protocol protocol) {
        LocationName region = LocationName.of(PROJECT, "europe-west1");
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            Secret regional = client.createSecret(region, "shared-id", Secret.newBuilder()
                    .putLabels("scope", "regional").build());
            Secret global = client.createSecret(ProjectName.of(PROJECT), "shared-id", secret(Map.of()));

            assertEquals("projects/" + NUMBER + "/locations/europe-west1/secrets/shared-id", regional.getName());
            assertFalse(regional.hasReplication());
            assertNotEquals(regional.getName(), global.getName());
            assertThrows(InvalidArgumentException.class,
                    () -> client.createSecret(region, "replicated", secret(Map.of())));

            SecretVersion version = client.addSecretVersion(regional.getName(), payload("eu"));
            assertEquals(regional.getName() + "/versions/1", version.getName());
            assertEquals("eu", text(client.accessSecretVersion(regional.getName() + "/versions/latest")));
            assertThrows(NotFoundException.class, () -> client.accessSecretVersion(
                    SecretVersionName.of(PROJECT, "shared-id", "latest")));
            assertEquals(List.of(regional), list(client.listSecrets(region)));
            assertEquals(List.of(global), list(client.listSecrets(ProjectName.of(PROJECT))));
            assertEquals(1, fake.versions(regional.getName()).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void replicationAndCustomerManagedKeysAreKeptAsSent(Protocol protocol) {
        CustomerManagedEncryption key = CustomerManagedEncryption.newBuilder()
                .setKmsKeyName("projects/kms/locations/europe-west1/keyRings/ring/cryptoKeys/key")
                .build();
        Replication userManaged = Replication.newBuilder().setUserManaged(Replication.UserManaged.newBuilder()
                .addReplicas(Replication.UserManaged.Replica.newBuilder()
                        .setLocation("europe-west1").setCustomerManagedEncryption(key))
                .addReplicas(Replication.UserManaged.Replica.newBuilder().setLocation("europe-west4")))
                .build();
        try (SecretManagerServiceClient client = Clients.client(fake, protocol)) {
            Secret replicated = client.createSecret(ProjectName.of(PROJECT), "replicated",
                    Secret.newBuilder().setReplication(userManaged).build());
            Secret regional = client.createSecret(LocationName.of(PROJECT, "europe-west1"), "cmek",
                    Secret.newBuilder().setCustomerManagedEncryption(key).build());

            assertEquals(userManaged, replicated.getReplication());
            assertEquals(key, regional.getCustomerManagedEncryption());
            assertThrows(InvalidArgumentException.class, () -> client.createSecret(ProjectName.of(PROJECT), "nokey",
                    Secret.newBuilder().setReplication(Replication.newBuilder().setAutomatic(
                            Replication.Automatic.newBuilder().setCustomerManagedEncryption(
                                    CustomerManagedEncryption.newBuilder().setKmsKeyName("key")))).build()));
            assertThrows(InvalidArgumentException.class, () -> client.createSecret(ProjectName.of(PROJECT),
                    "noreplicas", Secret.newBuilder().setReplication(Replication.newBuilder()
                            .setUserManaged(Replication.UserManaged.getDefaultInstance())).build()));
        }
    }

    @Test
    void concurrentAddsGetDistinctNumbersWithoutGaps() throws Exception {
        fake.createSecretDirectly(PROJECT, "busy", Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SecretManagerServiceClient client = Clients.client(fake, Protocol.GRPC)) {
            List<Future<SecretVersion>> adds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                adds.add(pool.submit(() -> client.addSecretVersion(SecretName.of(PROJECT, "busy"), payload("x"))));
            }
            Set<String> names = new HashSet<>();
            for (Future<SecretVersion> add : adds) {
                names.add(add.get().getName());
            }

            assertEquals(40, names.size());
            assertEquals(LongStream.rangeClosed(1, 40).mapToObj(Long::toString).toList(),
                    numbers(fake.versions(PROJECT, "busy")));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whatIsWrittenOverOneTransportIsReadOverTheOther() {
        try (SecretManagerServiceClient grpc = Clients.client(fake, Protocol.GRPC);
                SecretManagerServiceClient rest = Clients.client(fake, Protocol.REST)) {
            Secret created = grpc.createSecret(ProjectName.of(PROJECT), "both", secret(Map.of("via", "grpc")));
            rest.addSecretVersion(created.getName(), payload("via rest"));

            assertEquals(created, rest.getSecret(created.getName()));
            assertEquals("via rest", text(grpc.accessSecretVersion(created.getName() + "/versions/1")));
            assertEquals(Map.of("CreateSecret", 1, "GetSecret", 1, "AddSecretVersion", 1,
                    "AccessSecretVersion", 1), fake.calls());
        }
    }

    private static List<Secret> list(SecretManagerServiceClient.ListSecretsPagedResponse response) {
        return StreamSupport.stream(response.iterateAll().spliterator(), false).toList();
    }

    private static Iterable<Secret> filtered(SecretManagerServiceClient client, String filter) {
        return client.listSecrets(ListSecretsRequest.newBuilder()
                .setParent("projects/" + PROJECT).setFilter(filter).build()).iterateAll();
    }

    private static List<String> ids(Iterable<Secret> secrets) {
        return StreamSupport.stream(secrets.spliterator(), false)
                .map(secret -> SecretName.parse(secret.getName()).getSecret())
                .toList();
    }

    private static List<String> numbers(Iterable<SecretVersion> versions) {
        return StreamSupport.stream(versions.spliterator(), false)
                .map(version -> SecretVersionName.parse(version.getName()).getSecretVersion())
                .toList();
    }

    private static long crc32c(String text) {
        CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
