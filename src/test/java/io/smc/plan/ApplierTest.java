package io.smc.plan;

import static io.smc.plan.PlanFixtures.OWNER;
import static io.smc.plan.PlanFixtures.POLICY;
import static io.smc.plan.PlanFixtures.desired;
import static io.smc.plan.PlanFixtures.disabledEntry;
import static io.smc.plan.PlanFixtures.entry;
import static io.smc.plan.PlanFixtures.kinds;
import static io.smc.plan.PlanFixtures.policy;
import static io.smc.plan.PlanFixtures.stored;
import static io.smc.plan.PlanFixtures.storedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.testing.MutableClock;
import io.smc.provider.CountingStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredState;
import io.smc.secrets.SecretValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
    @TempDir
    Path temp;

    private LocalSecretStore local;
    private CountingStore store;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

    @BeforeEach
    void openStore() throws StoreException {
        local = LocalSecretStore.open(temp.resolve("store"), LocalSecretStore.Mode.WRITE);
        store = new CountingStore(local);
    }

    @AfterEach
    void closeStore() throws StoreException {
        local.close();
    }

    /** Plans and applies with the same memory, as the controller does; returns the plan. */
    private Plan sync(PublishPolicy policy, KnownValues known, DesiredState state) throws StoreException {
        Plan plan = new Planner(store, policy, known, 4).plan(state);
        List<AppliedAction> results = new Applier(store, policy, known, 4).apply(plan);
        assertTrue(results.stream().noneMatch(AppliedAction::failed), results.toString());
        return plan;
    }

    private List<VersionState> states(String name) throws StoreException {
        return local.versions(name).stream().map(StoredVersion::state).toList();
    }

    @Test
    void anAppliedPlanLeavesNothingToDo() throws Exception {
        stored(local, "changed", "old");
        stored(local, "off", "-one");
        stored(local, "retired", "one");
        DesiredState state = desired(entry("changed", "new"), entry("fresh", "one"), entry("off", "one"),
                disabledEntry("retired", "one"));
        PublishPolicy policy = policy(true, false, false, null, Duration.ZERO);

        sync(policy, KnownValues.fresh(), state);

        Plan again = new Planner(store, policy, KnownValues.fresh(), 1).plan(state);
        assertFalse(again.hasChanges(), again.toString());
        assertEquals(Optional.of(SecretValue.ofUtf8("new")), local.access("changed", 2));
        assertEquals(List.of(VersionState.ENABLED), states("off"));
        assertEquals(List.of(VersionState.DISABLED), states("retired"));
        assertEquals("payments", local.get("fresh").orElseThrow().labels().get("team"));
        assertEquals("billing@example.com", local.get("fresh").orElseThrow().annotations().get("owner"));
    }

    @Test
    void aPlanWithConflictsWritesNothing() throws Exception {
        storedWith(local, Ownership.of("team-b", "billing").labels(), "shared", "one");
        Plan plan = new Planner(store, POLICY, KnownValues.fresh(), 1)
                .plan(desired(entry("shared", "two"), entry("fresh", "one")));
        store.reset();

        List<AppliedAction> results = new Applier(store, POLICY, KnownValues.fresh(), 1).apply(plan);

        assertTrue(results.stream().allMatch(r -> r.failed() && r.error().contains("ownership conflicts")));
        assertEquals(0, store.total());
        assertTrue(local.get("fresh").isEmpty());
    }

    @Test
    void remergesInsteadOfOverwritingWhenTheSecretChangedAfterThePlan() throws Exception {
        storedWith(local, Map.of("managed-by", "secret-manager-controller"), "api-key", "one");
        Plan plan = new Planner(store, POLICY, KnownValues.fresh(), 1).plan(desired(entry("api-key", "one")));
        // Someone labels the secret between plan and apply: the planned etag is outdated.
        Map<String, String> theirs = new HashMap<>(local.get("api-key").orElseThrow().labels());
        theirs.put("cost-center", "42");
        local.updateMetadata("api-key", theirs, Map.of(), null);
        store.reset();

        List<AppliedAction> results = new Applier(store, POLICY, KnownValues.fresh(), 1).apply(plan);

        assertTrue(results.stream().noneMatch(AppliedAction::failed), results.toString());
        Map<String, String> labels = local.get("api-key").orElseThrow().labels();
        assertEquals("42", labels.get("cost-center"), "their change survives");
        assertEquals("team-a", labels.get("smc-namespace"));
        assertEquals(Map.of("get", 1, "updateMetadata", 2), store.calls());
    }

    @Test
    void aLabelOrAnnotationRemovedFromTheConfigLeavesTheSecretAndOthersStay() throws Exception {
        PublishPolicy before = new PublishPolicy(OWNER, Map.of("team", "payments", "tier", "gold"),
                Map.of("owner", "billing@example.com", "runbook", "r1"), null, true, false, false, null, Duration.ZERO);
        sync(before, KnownValues.fresh(), desired(entry("a", "one")));
        Map<String, String> labels = new HashMap<>(local.get("a").orElseThrow().labels());
        labels.put("cost-center", "42");
        Map<String, String> annotations = new HashMap<>(local.get("a").orElseThrow().annotations());
        annotations.put("note", "by hand");
        local.updateMetadata("a", labels, annotations, null);
        PublishPolicy after = new PublishPolicy(OWNER, Map.of("team", "payments"),
                Map.of("owner", "billing@example.com"), null, true, false, false, null, Duration.ZERO);

        Plan plan = sync(after, KnownValues.fresh(), desired(entry("a", "one")));

        assertEquals(List.of("update-metadata a", "unchanged a"), kinds(plan));
        assertEquals(Map.of("managed-by", "secret-manager-controller", "smc-namespace", "team-a", "smc-name", "billing",
                "team", "payments", "cost-center", "42"), local.get("a").orElseThrow().labels());
        assertEquals(Map.of("owner", "billing@example.com", "note", "by hand", "smc-labels", "team",
                "smc-annotations", "owner"), local.get("a").orElseThrow().annotations());
        assertFalse(new Planner(store, after, KnownValues.fresh(), 1).plan(desired(entry("a", "one"))).hasChanges());
    }

    @Test
    void leavesASecretAloneWhenAnotherConfigTookItOverAfterThePlan() throws Exception {
        storedWith(local, Map.of("managed-by", "secret-manager-controller"), "api-key", "one");
        Plan plan = new Planner(store, POLICY, KnownValues.fresh(), 1).plan(desired(entry("api-key", "two")));
        local.updateMetadata("api-key", Ownership.of("team-b", "x").labels(), Map.of(), null);

        List<AppliedAction> results = new Applier(store, POLICY, KnownValues.fresh(), 1).apply(plan);

        assertEquals(List.of("update-metadata api-key", "add-version api-key"), kinds(plan));
        assertTrue(results.get(0).error().contains("taken over by team-b/x"), results.toString());
        assertTrue(results.get(1).error().startsWith("skipped"), results.toString());
        assertEquals(1, local.versions("api-key").size());
    }

    @Test
    void aFailedSecretStopsItsOwnActionsOnlyAndNeverDeletesOnAStaleEtag() throws Exception {
        stored(local, "orphan", "one");
        stored(local, "gone", "one");
        PublishPolicy prune = POLICY.withPrune(true);
        Plan plan = new Planner(store, prune, KnownValues.fresh(), 1)
                .plan(desired(entry("gone", "two"), entry("fresh", "one")));
        local.delete("gone", null);
        local.updateMetadata("orphan", Map.copyOf(OWNER.labels()), Map.of("touched", "yes"), null);

        List<AppliedAction> results = new Applier(store, prune, KnownValues.fresh(), 1).apply(plan);

        assertEquals(List.of("create fresh", "add-version gone", "delete orphan"), kinds(plan));
        assertFalse(results.get(0).failed());
        assertTrue(results.get(1).error().contains("gone"), results.toString());
        assertTrue(results.get(2).error().contains("changed since it was read"), results.toString());
        assertTrue(local.get("orphan").isPresent(), "a secret changed after the plan is not deleted");
    }

    @Test
    void anUnchangedSecretCostsNoCallUntilItsDriftCheckIsDue() throws Exception {
        KnownValues known = new KnownValues(clock);
        PublishPolicy policy = policy(true, false, false, null, Duration.ofHours(1));
        DesiredState state = desired(entry("a", "one"), entry("b", "two"), disabledEntry("c", "three"));
        stored(local, "c", "three");
        sync(policy, known, state);

        store.reset();
        Plan steady = new Planner(store, policy, known, 1).plan(state);
        assertFalse(steady.hasChanges(), steady.toString());
        assertEquals(Map.of(), store.calls(), "no provider call at all for values it last wrote");

        clock.advance(Duration.ofMinutes(61));
        Plan check = new Planner(store, policy, known, 1).plan(state);
        assertFalse(check.hasChanges(), check.toString());
        assertEquals(Map.of("accessLatest", 3), store.calls(), "one access per secret when due, no read");

        store.reset();
        new Planner(store, policy, known, 1).plan(state);
        assertEquals(Map.of(), store.calls(), "the check renews the confirmation");
    }

    @Test
    void aDriftCheckIntervalOfZeroTrustsTheMemoryUntilRestart() throws Exception {
        KnownValues known = new KnownValues(clock);
        PublishPolicy policy = policy(true, false, false, null, Duration.ZERO);
        DesiredState state = desired(entry("a", "one"));
        sync(policy, known, state);
        clock.advance(Duration.ofDays(30));
        store.reset();

        new Planner(store, policy, known, 1).plan(state);

        assertEquals(Map.of(), store.calls());
    }

    @Test
    void aChangedValueOrChangedMetadataIsPlannedWithoutWaitingForTheDriftCheck() throws Exception {
        KnownValues known = new KnownValues(clock);
        PublishPolicy policy = policy(true, false, false, null, Duration.ofHours(1));
        sync(policy, known, desired(entry("a", "one")));

        Plan changed = new Planner(store, policy, known, 1).plan(desired(entry("a", "two")));
        PublishPolicy relabelled = new PublishPolicy(OWNER, Map.of("team", "search"), policy.annotations(), null,
                true, false, false, null, Duration.ofHours(1));
        Plan relabel = new Planner(store, relabelled, known, 1).plan(desired(entry("a", "one")));

        assertEquals(List.of("add-version a"), kinds(changed));
        assertEquals(List.of("update-metadata a", "unchanged a"), kinds(relabel));
    }

    @Test
    void correctsDriftAndSaysSo() throws Exception {
        KnownValues known = new KnownValues(clock);
        PublishPolicy policy = policy(true, false, false, null, Duration.ofHours(1));
        sync(policy, known, desired(entry("a", "one")));
        local.addVersion("a", SecretValue.ofUtf8("edited by hand"));
        clock.advance(Duration.ofHours(2));

        Plan plan = sync(policy, known, desired(entry("a", "one")));

        assertEquals(List.of("add-version a"), kinds(plan));
        assertTrue(plan.hasDrift() && plan.actions().get(0).reason().startsWith("drift"), plan.toString());
        assertEquals(Optional.of(SecretValue.ofUtf8("one")), local.access("a", 3));
    }

    @Test
    void skipsTheListingOfAPruneWhileTheSetOfKeysIsUnchanged() throws Exception {
        KnownValues known = new KnownValues(clock);
        PublishPolicy policy = policy(true, false, true, null, Duration.ofHours(1));
        sync(policy, known, desired(entry("a", "one"), entry("b", "two")));
        store.reset();

        new Planner(store, policy, known, 1).plan(desired(entry("a", "one"), entry("b", "two")));
        assertEquals(Map.of(), store.calls());

        Plan removed = sync(policy, known, desired(entry("a", "one")));
        assertEquals(List.of("unchanged a", "delete b"), kinds(removed));
        assertTrue(local.get("b").isEmpty());
    }

    @Test
    void retiresOldVersionsAfterAddingANewOne() throws Exception {
        stored(local, "a", "one", "two", "three");
        PublishPolicy policy = new PublishPolicy(OWNER, Map.of(), Map.of(), null, true, false, false,
                new PublishPolicy.Retention(2, false), Duration.ZERO);

        sync(policy, KnownValues.fresh(), desired(entry("a", "four")));

        assertEquals(List.of(VersionState.DISABLED, VersionState.DISABLED, VersionState.ENABLED,
                VersionState.ENABLED), states("a"));
    }

    @Test
    void planRemovalAppliedDeletesTheConfigsSecrets() throws Exception {
        stored(local, "a", "one");
        storedWith(local, Map.of(), "unmanaged", "one");
        Plan plan = new Planner(store, POLICY, KnownValues.fresh(), 1).planRemoval();

        new Applier(store, POLICY, KnownValues.fresh(), 1).apply(plan);

        assertTrue(local.get("a").isEmpty());
        assertTrue(local.get("unmanaged").isPresent());
    }
}
