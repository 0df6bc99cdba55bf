package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretVersion;
import io.grpc.Status;
import io.smc.api.Replication;
import io.smc.metrics.MetricsRegistry;
import io.smc.provider.LatestVersion;
import io.smc.provider.NewSecret;
import io.smc.provider.SecretSelection;
import io.smc.provider.StoreException;
import io.smc.provider.VersionState;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.secrets.SecretValue;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What Secret Manager asks of the store beyond the contract: retries, idempotent writes, errors of both transports. */
class GcpSecretStoreTest {
    private static final String PROJECT = FakeBackedStore.PROJECT;
    private static final SecretValue VALUE = SecretValue.ofUtf8("s3cr3t-that-must-not-leak");
    private static FakeSecretManager fake;

    private FakeBackedStore backed;
    private MetricsRegistry registry;

    @BeforeAll
    static void startFake() {
        fake = FakeSecretManager.start(PROJECT);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.clearFaults();
        fake.resetCounters();
    }

    @AfterEach
    void closeClient() {
        if (backed != null) {
            backed.close();
        }
    }

    private GcpSecretStore store(GcpTransport transport) {
        return store(transport, null);
    }

    private GcpSecretStore store(GcpTransport transport, String location) {
        registry = new MetricsRegistry();
        backed = new FakeBackedStore(fake, transport, PROJECT, location, new RegisteredProviderMetrics(registry));
        return backed.store;
    }

    private static String unique(GcpTransport transport, String name) {
        return name + "-" + transport.name().toLowerCase() + "-" + System.nanoTime();
    }

    /** A new secret owned by the controller, named after the test and transport. */
    private static String created(GcpSecretStore store, GcpTransport transport, String name) throws StoreException {
        String unique = unique(transport, name);
        store.create(unique, owned());
        return unique;
    }

    private static NewSecret owned() {
        return NewSecret.labelled(Map.of("managed-by", "secret-manager-controller"));
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void retriesEveryWriteOnTransientCodesAndSendsTheChecksum(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = unique(transport, "api-key");
        fake.failNext("CreateSecret", Status.UNAVAILABLE, 1);
        fake.failNext("AddSecretVersion", Status.RESOURCE_EXHAUSTED, 1);
        fake.failNext("AddSecretVersion", Status.DEADLINE_EXCEEDED, 1);

        store.create(name, owned());
        long version = store.addVersion(name, VALUE);

        assertEquals(1, version);
        assertEquals(2, fake.calls("CreateSecret"));
        assertEquals(3, fake.calls("AddSecretVersion"));
        SecretVersion stored = fake.versions(PROJECT, name).get(0);
        assertTrue(stored.getClientSpecifiedPayloadChecksum(), "data_crc32c was sent");
        assertEquals(3, backed.sleeper.sleeps().size(), "each retry backed off");
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void aRetriedAddVersionWhoseFirstAttemptLandedAddsNoSecondVersion(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "token");
        fake.applyThenFail("AddSecretVersion", Status.UNAVAILABLE, 1);

        long version = store.addVersion(name, VALUE);

        assertEquals(1, version);
        assertEquals(1, fake.versions(PROJECT, name).size(), "the value is not added twice");
        assertEquals(1, fake.calls("AddSecretVersion"));
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void aRetriedCreateWhoseFirstAttemptLandedSucceeds(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = unique(transport, "token");
        fake.applyThenFail("CreateSecret", Status.UNAVAILABLE, 1);

        store.create(name, owned());

        assertTrue(fake.secret(PROJECT, name).isPresent());
        assertTrue(assertThrows(StoreException.class, () -> store.create(name, owned())).getMessage()
                .contains("already exists"), "a plain create of an existing secret is still refused");
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void givesUpAfterTheLastAttemptWithATransientFailure(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "busy");
        fake.failNext("AddSecretVersion", Status.UNAVAILABLE, 10);

        StoreException e = assertThrows(StoreException.class, () -> store.addVersion(name, VALUE));

        assertTrue(e.retryable(), e.getMessage());
        assertTrue(e.getMessage().contains("AddSecretVersion") && e.getMessage().contains(name), e.getMessage());
        assertEquals(FakeBackedStore.FAST_RETRIES.maxAttempts(), fake.calls("AddSecretVersion"));
        assertTrue(fake.versions(PROJECT, name).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void namesTheMissingPermissionAndTheProject(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        fake.denyPermission(PROJECT, "secretmanager.secrets.create");
        try {
            StoreException e = assertThrows(StoreException.class,
                    () -> store.create(unique(transport, "denied"), owned()));

            assertFalse(e.retryable());
            assertTrue(e.getMessage().contains("secretmanager.secrets.create")
                    && e.getMessage().contains("project " + PROJECT), e.getMessage());
            assertEquals(1, fake.calls("CreateSecret"), "a refusal is not retried");
        } finally {
            fake.allowPermission(PROJECT, "secretmanager.secrets.create");
        }
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void listsASelectionThroughTheServicesFilterAndListsWholeWhenTheFilterIsRefused(GcpTransport transport)
            throws Exception {
        GcpSecretStore store = store(transport);
        String wanted = created(store, transport, "wanted");
        for (int i = 0; i < 5; i++) {
            created(store, transport, "bystander");
        }
        SecretSelection selection = SecretSelection.named(Set.of(wanted, "missing-" + wanted));
        fake.resetCounters();

        assertEquals(List.of(wanted), List.copyOf(store.list(selection).keySet()));
        assertEquals(1, fake.calls("ListSecrets"));
        assertEquals(1, fake.secretsListed(), "only the selected secret is sent");

        fake.failNext("ListSecrets", Status.INVALID_ARGUMENT, 1);
        assertEquals(List.of(wanted), List.copyOf(store.list(selection).keySet()));
        assertEquals(3, fake.calls("ListSecrets"), "the refused filter, then the whole listing");
        long whole = fake.secretsListed() - 1;
        assertTrue(whole >= 6, "the whole project was listed: " + whole);

        assertEquals(List.of(wanted), List.copyOf(store.list(selection).keySet()));
        assertEquals(4, fake.calls("ListSecrets"), "no filter is tried again");
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void latestThatIsDisabledIsUnreadableWithItsNumber(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "rotated");
        store.addVersion(name, SecretValue.ofUtf8("one"));
        store.addVersion(name, SecretValue.ofUtf8("two"));
        fake.disableVersionDirectly(PROJECT, name, 2);

        LatestVersion latest = store.accessLatest(name);

        assertEquals(new LatestVersion.Unreadable(2, VersionState.DISABLED, Optional.empty()), latest);
        assertEquals(Optional.of(SecretValue.ofUtf8("one")), store.access(name, 1));
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void anOutdatedEtagIsStaleOnBothTransports(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "labelled");
        String etag = store.get(name).orElseThrow().etag();
        store.updateMetadata(name, Map.of("a", "b"), Map.of(), etag);

        StoreException update = assertThrows(StoreException.class,
                () -> store.updateMetadata(name, Map.of(), Map.of(), etag));
        StoreException delete = assertThrows(StoreException.class, () -> store.delete(name, etag));

        assertTrue(update.stale() && delete.stale(), update.getMessage());
        assertEquals(Map.of("a", "b"), fake.secret(PROJECT, name).orElseThrow().getLabelsMap());
        assertEquals(1, fake.calls("UpdateSecret") - 1, "a stale etag is not retried");
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void createsWithTheReplicationAndCmekAsked(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = unique(transport, "replicated");
        Replication replication = new Replication(null, new Replication.UserManaged(List.of(
                new Replication.Replica("europe-west1", "projects/k/locations/europe-west1/keyRings/r/cryptoKeys/c"),
                new Replication.Replica("europe-west4", null))));

        store.create(name, new NewSecret(Map.of("team", "a"), Map.of("note", "x"), replication));

        Secret created = fake.secret(PROJECT, name).orElseThrow();
        assertEquals(2, created.getReplication().getUserManaged().getReplicasCount());
        assertEquals(replication, store.get(name).orElseThrow().replication());
        assertEquals(Map.of("note", "x"), store.get(name).orElseThrow().annotations());
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void regionalSecretsLiveUnderTheirLocationWithoutReplication(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport, "europe-west1");
        String name = unique(transport, "regional");

        store.create(name, owned());
        store.addVersion(name, VALUE);

        assertEquals("gcp:projects/" + PROJECT + "/locations/europe-west1", store.id());
        String resource = "projects/" + PROJECT + "/locations/europe-west1/secrets/" + name;
        assertFalse(fake.secret(resource).orElseThrow().hasReplication());
        assertTrue(fake.secret(PROJECT, name).isEmpty(), "not a global secret");
        assertEquals(new LatestVersion.Readable(1, VALUE), store.accessLatest(name));
        assertTrue(store.list().containsKey(name), "listed by id although the service answers with the number");
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void countsEveryAttemptInTheMetricsAndNeverShowsAValue(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "counted");
        fake.failNext("AddSecretVersion", Status.UNAVAILABLE, 1);
        store.addVersion(name, VALUE);
        store.accessLatest(name);

        StringWriter text = new StringWriter();
        registry.writeText(text);

        assertTrue(text.toString().contains("secret_manager_provider_requests_total{provider=\"gcp\","
                + "method=\"AddSecretVersion\",code=\"UNAVAILABLE\"} 1"), text.toString());
        assertTrue(text.toString().contains("method=\"AddSecretVersion\",code=\"OK\"} 1"), text.toString());
        assertTrue(text.toString().contains("secret_manager_rate_limiter_wait_seconds_count "), text.toString());
        assertFalse(text.toString().contains(VALUE.toString()) || text.toString().contains("s3cr3t"));
        StoreException e = assertThrows(StoreException.class, () -> store.addVersion("missing-" + name, VALUE));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void aValueDamagedOnTheWayIsNeverTakenForTheValue(GcpTransport transport) throws Exception {
        GcpSecretStore store = store(transport);
        String name = created(store, transport, "checked");
        store.addVersion(name, VALUE);
        fake.damageNextAccesses(10);

        StoreException e = assertThrows(StoreException.class, () -> store.accessLatest(name));

        assertTrue(e.getMessage().contains("CRC32C") && e.getMessage().contains(name), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
        fake.clearFaults();
        assertEquals(new LatestVersion.Readable(1, VALUE), store.accessLatest(name));
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void anUnreachableServiceIsATransientFailureAfterTheRetries(GcpTransport transport) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (com.google.cloud.secretmanager.v1.SecretManagerServiceClient client = GcpClients.create(transport,
                new GcpEndpoint("localhost:" + closedPort, true),
                com.google.api.gax.core.NoCredentialsProvider.create())) {
            io.smc.kube.testing.RecordingSleeper sleeper = new io.smc.kube.testing.RecordingSleeper();
            GcpSecretStore store = new GcpSecretStore(client, PROJECT, null,
                    QuotaLimiter.system(QuotaSettings.defaults()),
                    new Retrier(FakeBackedStore.FAST_RETRIES, () -> 0.5, sleeper), ProviderMetrics.NONE);

            StoreException e = assertThrows(StoreException.class, () -> store.list());

            assertTrue(e.retryable(), e.getMessage());
            assertTrue(e.getMessage().startsWith("ListSecrets of project " + PROJECT + " kept failing: "),
                    e.getMessage());
            assertEquals(FakeBackedStore.FAST_RETRIES.maxAttempts() - 1, sleeper.sleeps().size());
        }
    }

    @ParameterizedTest
    @EnumSource(GcpTransport.class)
    void pacesItselfWithinTheProjectsQuotaInsteadOfFailing(GcpTransport transport) throws Exception {
        // The fake refuses writes beyond 6,000 a minute; the store paces itself at 90 % of that, in real time.
        fake.setQuota(io.smc.provider.gcp.fake.CallClass.WRITE, 6000);
        QuotaSettings quota = new QuotaSettings(90_000, 600, 5400, 1000);
        try (com.google.cloud.secretmanager.v1.SecretManagerServiceClient client =
                FakeBackedStore.client(fake, transport)) {
            GcpSecretStore store = new GcpSecretStore(client, PROJECT, null, QuotaLimiter.system(quota),
                    new Retrier(FakeBackedStore.FAST_RETRIES, () -> 0.5, backedSleeper()), ProviderMetrics.NONE);
            String prefix = unique(transport, "paced");
            fake.resetCounters();
            for (int i = 0; i < 60; i++) {
                store.create(prefix + "-" + i, owned());
                store.addVersion(prefix + "-" + i, VALUE);
            }
            assertEquals(0, fake.resourceExhausted(), "paced writes never meet the quota");
            assertEquals(120, fake.calls("CreateSecret") + fake.calls("AddSecretVersion"));
        } finally {
            fake.clearQuota(io.smc.provider.gcp.fake.CallClass.WRITE);
        }
    }

    private static io.smc.time.Sleeper backedSleeper() {
        return io.smc.time.Sleeper.SYSTEM;
    }
}
