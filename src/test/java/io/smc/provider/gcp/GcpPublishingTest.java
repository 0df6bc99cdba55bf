package io.smc.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.secretmanager.v1.SecretVersion;
import io.grpc.Status;
import io.smc.kube.testing.MutableClock;
import io.smc.plan.AppliedAction;
import io.smc.plan.Applier;
import io.smc.plan.KnownValues;
import io.smc.plan.Ownership;
import io.smc.plan.Plan;
import io.smc.plan.Planner;
import io.smc.plan.PublishPolicy;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Origin;
import io.smc.secrets.Problem;
import io.smc.secrets.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The planner and the applier publishing to Secret Manager through the real client: what each sync costs and does. */
class GcpPublishingTest {
    private static FakeSecretManager fake;
    private static int projects;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private String project;
    private FakeBackedStore backed;
    private KnownValues known;
    private PublishPolicy policy = new PublishPolicy(Ownership.of("team-a", "billing"), Map.of(), Map.of(), null,
            true, false, false, null, Duration.ofHours(1));

    @BeforeAll
    static void startFake() {
        fake = FakeSecretManager.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void freshProject() {
        project = "publish-" + (++projects);
        fake.addProject(project);
        fake.clearFaults();
        backed = new FakeBackedStore(fake, GcpTransport.GRPC, project, null, ProviderMetrics.NONE);
        known = new KnownValues(clock);
    }

    @AfterEach
    void closeClient() {
        backed.close();
    }

    private static DesiredSecret entry(String name, String value, boolean disabled) {
        return new DesiredSecret(name, "svc", name, SecretValue.ofUtf8(value), disabled, new Origin("svc/.env", 1));
    }

    private static DesiredState desired(DesiredSecret... secrets) {
        return new DesiredState(List.of(secrets), List.of(), List.of(), 1);
    }

    /** Plans and applies; returns the calls it made by RPC. */
    private Map<String, Integer> sync(DesiredState state) {
        fake.resetCounters();
        try {
            Plan plan = new Planner(backed.store, policy, known, 4).plan(state);
            List<AppliedAction> results = new Applier(backed.store, policy, known, 4).apply(plan);
            assertTrue(results.stream().noneMatch(AppliedAction::failed), results.toString());
            lastPlan = plan;
        } catch (io.smc.provider.StoreException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return fake.calls();
    }

    private Plan lastPlan;

    private List<SecretVersion.State> states(String name) {
        return fake.versions(project, name).stream().map(SecretVersion::getState).toList();
    }

    @Test
    void publishesThenCostsNothingWhileNothingChanges() {
        DesiredState state = desired(entry("a", "1", false), entry("b", "2", false), entry("c", "3", true));

        assertEquals(Map.of("ListSecrets", 1, "CreateSecret", 2, "AddSecretVersion", 2), sync(state));
        assertEquals(Map.of(), sync(state), "a resync of unchanged values makes no call");

        clock.advance(Duration.ofMinutes(61));
        assertEquals(Map.of("AccessSecretVersion", 3), sync(state), "the drift check: one access per entry");

        known = new KnownValues(clock);
        assertEquals(Map.of("ListSecrets", 1, "AccessSecretVersion", 2), sync(state),
                "after a restart: one listing, one access per existing secret");
    }

    @Test
    void disablesAndReenablesVersionsNotSecrets() {
        sync(desired(entry("token", "t", false)));

        assertEquals(Map.of("AccessSecretVersion", 1, "DisableSecretVersion", 1),
                sync(desired(entry("token", "t", true))), "checked with one access before the write, no read");
        assertEquals(List.of(SecretVersion.State.DISABLED), states("token"));
        assertEquals(Map.of("AccessSecretVersion", 1, "GetSecretVersion", 1, "EnableSecretVersion", 1),
                sync(desired(entry("token", "t", false))), "the memory knows the disabled version holds the value");
        assertEquals(List.of(SecretVersion.State.ENABLED), states("token"));
    }

    @Test
    void afterARestartADisabledNewestVersionIsNeverTakenForTheValue() {
        sync(desired(entry("token", "t", false)));
        sync(desired(entry("token", "t", true)));
        known = new KnownValues(clock);

        sync(desired(entry("token", "t", false)));

        assertEquals(List.of(SecretVersion.State.DISABLED, SecretVersion.State.ENABLED), states("token"),
                "a disabled version cannot be read, so the value is added again rather than guessed");
        assertEquals("t", fake.data(project, "token", "2").toStringUtf8());
    }

    @Test
    void correctsAVersionAddedByHandAtTheNextDriftCheck() {
        sync(desired(entry("a", "1", false)));
        fake.addVersionDirectly(project, "a", "edited in the console");
        assertEquals(Map.of(), sync(desired(entry("a", "1", false))), "not before the drift check is due");

        clock.advance(Duration.ofHours(2));
        sync(desired(entry("a", "1", false)));

        assertTrue(lastPlan.hasDrift(), lastPlan.toString());
        assertEquals(3, fake.versions(project, "a").size());
        assertEquals("1", fake.data(project, "a", "3").toStringUtf8());
    }

    @Test
    void recreatesASecretDeletedByHand() {
        sync(desired(entry("a", "1", false)));
        fake.deleteSecretDirectly(project, "a");

        sync(desired(entry("a", "2", false)));

        assertEquals("2", fake.data(project, "a", "1").toStringUtf8());
    }

    @Test
    void retentionDestroysOldVersionsItCreated() {
        policy = new PublishPolicy(policy.ownership(), Map.of(), Map.of(), null, true, false, false,
                new PublishPolicy.Retention(2, true), Duration.ofHours(1));
        Map<String, Integer> calls = Map.of();
        for (String value : List.of("1", "2", "3", "4")) {
            calls = sync(desired(entry("a", value, false)));
        }

        assertEquals(1, calls.get("ListSecretVersions"), "the versions are listed once per new version: " + calls);
        assertEquals(1, calls.get("ListSecrets"), "and the annotations read once, for adopted versions: " + calls);
        assertEquals(List.of(SecretVersion.State.DESTROYED, SecretVersion.State.DESTROYED,
                SecretVersion.State.ENABLED, SecretVersion.State.ENABLED), states("a"));
    }

    @Test
    void aSourceWithProblemsNeverDeletesAndAFailedCallDeletesNothingEither() throws Exception {
        policy = policy.withPrune(true);
        sync(desired(entry("a", "1", false), entry("b", "2", false)));

        Plan withProblems = new Planner(backed.store, policy, known, 1).plan(new DesiredState(
                List.of(entry("a", "1", false)), List.of(new Problem("svc/.env:2", "not KEY=value")), List.of(), 1));
        assertFalse(withProblems.actions().stream().anyMatch(a -> a.kind() == io.smc.plan.ActionKind.DELETE));

        fake.failNext("DeleteSecret", Status.PERMISSION_DENIED, 1);
        fake.resetCounters();
        Plan plan = new Planner(backed.store, policy, known, 1).plan(desired(entry("a", "1", false)));
        List<AppliedAction> results = new Applier(backed.store, policy, known, 1).apply(plan);
        assertTrue(results.stream().anyMatch(r -> r.failed() && r.error().contains("secretmanager.secrets.delete")),
                results.toString());
        assertTrue(fake.secret(project, "b").isPresent());

        sync(desired(entry("a", "1", false)));
        assertTrue(fake.secret(project, "b").isEmpty(), "deleted once permitted");
    }
}
