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

import io.smc.api.Replication;
import io.smc.provider.CountingStore;
import io.smc.provider.NewSecret;
import io.smc.provider.SecretSelection;
import io.smc.provider.StoreException;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path temp;

    private LocalSecretStore store;

    @BeforeEach
    void openStore() throws StoreException {
        store = LocalSecretStore.open(temp.resolve("store"), LocalSecretStore.Mode.WRITE);
    }

    @AfterEach
    void closeStore() throws StoreException {
        store.close();
    }

    private Plan plan(PublishPolicy policy, DesiredState state) throws StoreException {
        return new Planner(store, policy, KnownValues.fresh(), 1).plan(state);
    }

    private List<String> planned(io.smc.secrets.DesiredSecret... secrets) throws StoreException {
        return kinds(plan(POLICY, desired(secrets)));
    }

    @Test
    void createsAnAbsentSecretWithTheOwnersAndTheConfigsMetadata() throws Exception {
        Plan plan = plan(policy(true, false, false, null, Duration.ZERO), desired(entry("api-key", "one")));

        PlannedAction create = plan.actions().get(0);
        assertEquals(List.of("create api-key"), kinds(plan));
        assertEquals(Map.of("managed-by", "secret-manager-controller", "smc-namespace", "team-a", "smc-name",
                "billing", "team", "payments"), create.metadata().labels());
        assertEquals(Map.of("owner", "billing@example.com", "smc-labels", "team", "smc-annotations", "owner"),
                create.metadata().annotations(), "the keys the config set are recorded, to remove them later");
    }

    @Test
    void decidesByTheNewestVersion() throws Exception {
        stored(store, "same", "old", "one");
        stored(store, "changed", "one", "old");
        stored(store, "off-same", "-one");
        stored(store, "off-other", "-old");
        stored(store, "empty");

        assertEquals(List.of("unchanged same"), planned(entry("same", "one")));
        assertEquals(List.of("add-version changed"), planned(entry("changed", "one")));
        assertEquals(List.of("enable off-same@1"), planned(entry("off-same", "one")));
        assertEquals(List.of("add-version off-other"), planned(entry("off-other", "one")));
        assertEquals(List.of("add-version empty"), planned(entry("empty", "one")));
    }

    @Test
    void disablesTheNewestVersionOfADisabledEntryOnly() throws Exception {
        stored(store, "on", "one");
        stored(store, "off", "-one");
        stored(store, "empty");

        assertEquals(List.of("disable on@1"), planned(disabledEntry("on", "other")));
        assertEquals(List.of("unchanged off"), planned(disabledEntry("off", "one")));
        assertEquals(List.of("unchanged empty"), planned(disabledEntry("empty", "one")));
        assertEquals(List.of("unchanged absent"), planned(disabledEntry("absent", "one")));
    }

    @Test
    void aSecretOfAnotherConfigIsAConflictThatForbidsEveryWrite() throws Exception {
        storedWith(store, Ownership.of("team-b", "billing").labels(), "shared", "one");

        Plan plan = plan(POLICY, desired(entry("shared", "two"), entry("fresh", "one")));

        assertEquals(List.of("create fresh"), kinds(plan));
        assertFalse(plan.writable());
        assertEquals("shared", plan.conflicts().get(0).where());
        assertTrue(plan.conflicts().get(0).message().contains("OwnershipConflict")
                && plan.conflicts().get(0).message().contains("team-b/billing"), plan.conflicts().toString());
    }

    @Test
    void anUnmanagedSecretIsAConflictUnlessThePolicyAdoptsIt() throws Exception {
        storedWith(store, Map.of("owner", "terraform"), "legacy", "one", "two");

        Plan refused = plan(POLICY, desired(entry("legacy", "three")));
        assertTrue(refused.conflicts().get(0).message().contains("adoptionPolicy: Adopt"), refused.toString());
        assertEquals(List.of(), refused.actions());

        Plan adopted = plan(policy(true, true, false, null, Duration.ZERO), desired(entry("legacy", "three")));
        assertTrue(adopted.writable());
        assertEquals(List.of("adopt legacy", "add-version legacy"), kinds(adopted));
        PlannedAction.Metadata metadata = adopted.actions().get(0).metadata();
        assertEquals("terraform", metadata.labels().get("owner"), "labels someone else set stay");
        assertEquals("secret-manager-controller", metadata.labels().get("managed-by"));
        assertEquals("2", metadata.annotations().get(Planner.ADOPTED_VERSION));
    }

    @Test
    void claimsASecretLabelledManagedByOnlyAndMergesTheConfigsLabels() throws Exception {
        storedWith(store, Map.of("managed-by", "secret-manager-controller", "environment", "dev"), "old", "one");

        Plan plan = plan(POLICY, desired(entry("old", "one")));

        assertTrue(plan.writable());
        assertEquals(List.of("update-metadata old", "unchanged old"), kinds(plan));
        assertEquals("dev", plan.actions().get(0).metadata().labels().get("environment"));
        assertEquals("team-a", plan.actions().get(0).metadata().labels().get("smc-namespace"));
        assertEquals(store.get("old").orElseThrow().etag(), plan.actions().get(0).metadata().etag());
    }

    @Test
    void withoutTriggerUpdateOnlyMissingSecretsAreCreatedAndDifferencesReported() throws Exception {
        stored(store, "changed", "old");
        stored(store, "off", "-old");

        Plan plan = plan(policy(false, false, false, null, Duration.ZERO),
                desired(entry("changed", "new"), entry("off", "new"), entry("fresh", "one")));

        assertEquals(List.of("unchanged changed", "create fresh", "unchanged off"), kinds(plan).stream()
                .map(k -> k.replace("update-metadata", "x")).filter(k -> !k.startsWith("x")).toList());
        assertTrue(plan.actions().stream().filter(a -> a.kind() == ActionKind.UNCHANGED).allMatch(PlannedAction::drift));
        assertTrue(plan.actions().stream().anyMatch(a -> a.reason().contains("triggerUpdate: false")));
    }

    @Test
    void retentionRetiresTheVersionsBeyondTheCountOnceANewOneIsAdded() throws Exception {
        stored(store, "api-key", "one", "two", "-three", "four");

        Plan disable = plan(policy(true, false, false, new PublishPolicy.Retention(2, false), Duration.ZERO),
                desired(entry("api-key", "five")));
        Plan destroy = plan(policy(true, false, false, new PublishPolicy.Retention(2, true), Duration.ZERO),
                desired(entry("api-key", "five")));

        assertEquals(List.of("update-metadata api-key", "add-version api-key", "retire api-key@2",
                "retire api-key@1"), kinds(disable));
        assertEquals(List.of("update-metadata api-key", "add-version api-key", "destroy api-key@3",
                "destroy api-key@2", "destroy api-key@1"), kinds(destroy));
        assertEquals(List.of("unchanged api-key"), kinds(plan(new PublishPolicy(OWNER, Map.of(), Map.of(), null,
                true, false, false, new PublishPolicy.Retention(1, true), Duration.ZERO),
                desired(entry("api-key", "four")))), "retention acts only with a new version");
    }

    @Test
    void retentionLeavesTheVersionsAnAdoptedSecretHadBeforeAlone() throws Exception {
        storedWith(store, Map.of(), "legacy", "one", "two", "three");

        Plan plan = plan(policy(true, true, false, new PublishPolicy.Retention(1, true), Duration.ZERO),
                desired(entry("legacy", "four")));

        assertEquals(List.of("adopt legacy", "add-version legacy"), kinds(plan));
    }

    @Test
    void prunesOnlyOwnedSecretsWhoseKeysLeftTheSource() throws Exception {
        stored(store, "kept", "one");
        stored(store, "orphan", "one");
        storedWith(store, Ownership.of("team-b", "other").labels(), "theirs", "one");
        storedWith(store, Ownership.of("team-b", "billing").labels(), "namesake", "one");
        storedWith(store, Map.of(), "unmanaged", "one");
        PublishPolicy prune = PublishPolicy.defaults(OWNER).withPrune(true);

        Plan plan = plan(prune, desired(entry("kept", "one")));

        assertEquals(List.of("unchanged kept", "delete orphan"), kinds(plan));
        assertEquals(store.get("orphan").orElseThrow().etag(), plan.actions().get(1).metadata().etag());
        assertEquals(List.of("unchanged kept"), kinds(plan(POLICY, desired(entry("kept", "one")))),
                "without prune nothing is deleted");
    }

    @Test
    void neverPrunesWhenTheSourceHasProblemsOrYieldsNothing() throws Exception {
        stored(store, "kept", "one");
        stored(store, "orphan", "one");
        PublishPolicy prune = PublishPolicy.defaults(OWNER).withPrune(true);

        Plan withProblems = plan(prune, new DesiredState(List.of(entry("kept", "one")),
                List.of(new Problem("billing/.env:2", "line is not KEY=value")), List.of(), 1));
        Plan empty = plan(prune, desired());

        assertEquals(List.of("unchanged kept"), kinds(withProblems));
        assertTrue(withProblems.notes().stream().anyMatch(n -> n.contains("not deleting 1")), withProblems.notes()
                .toString());
        assertEquals(List.of(), kinds(empty));
        assertFalse(empty.writable(), "deleting every secret of a config because its source is empty is refused");
        assertTrue(empty.conflicts().get(0).message().contains("refusing to delete all 2"));
    }

    @Test
    void planRemovalDeletesEveryOwnedSecretAndNothingElse() throws Exception {
        stored(store, "a", "one");
        stored(store, "b");
        storedWith(store, Ownership.of("team-b", "other").labels(), "theirs", "one");
        storedWith(store, Ownership.of("team-b", "billing").labels(), "namesake", "one");
        storedWith(store, Map.of("managed-by", "secret-manager-controller"), "unlabelled", "one");
        CountingStore counting = new CountingStore(store);

        Plan plan = new Planner(counting, POLICY, KnownValues.fresh(), 1).planRemoval();

        assertEquals(List.of("delete a", "delete b"), kinds(plan));
        assertEquals(List.of(OWNER.withOwned(SecretSelection.named(Set.of()))), counting.selections());
    }

    @Test
    void listsOnlyTheSecretsItMustDecideAndWhenPruningTheOwners() throws Exception {
        stored(store, "kept", "one");
        for (int i = 0; i < 20; i++) {
            storedWith(store, Map.of(), "bystander-" + i, "one");
        }
        CountingStore counting = new CountingStore(store);
        DesiredState state = desired(entry("kept", "one"), entry("new", "two"));

        new Planner(counting, POLICY, KnownValues.fresh(), 1).plan(state);
        new Planner(counting, POLICY.withPrune(true), KnownValues.fresh(), 1).plan(state);

        SecretSelection named = SecretSelection.named(Set.of("kept", "new"));
        assertEquals(List.of(named, named.orLabelled("smc-name", "billing")), counting.selections());
        assertEquals(Map.of("list", 2, "accessLatest", 2), counting.calls());
    }

    @Test
    void notesAReplicationThatDiffersFromTheConfigs() throws Exception {
        store.create("api-key", new NewSecret(OWNER.labels(), Map.of(), null));
        store.addVersion("api-key", io.smc.secrets.SecretValue.ofUtf8("one"));
        Replication userManaged = new Replication(null, new Replication.UserManaged(
                List.of(new Replication.Replica("europe-west1", null))));
        PublishPolicy policy = new PublishPolicy(OWNER, Map.of(), Map.of(), userManaged, true, false, false, null,
                Duration.ZERO);

        Plan plan = plan(policy, desired(entry("api-key", "one")));

        assertEquals(List.of("unchanged api-key"), kinds(plan));
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains("api-key") && n.contains("replication")),
                plan.notes().toString());
        assertTrue(Planner.sameReplication(null, new Replication(new Replication.Automatic(null), null)));
    }

    @Test
    void neverChangesTheStore() throws Exception {
        stored(store, "b-same", "two");
        stored(store, "c-changed", "old");
        stored(store, "d-off", "-four");
        stored(store, "e-retired", "five");
        stored(store, "f-empty");
        stored(store, "g-orphan", "x");
        storedWith(store, Map.of(), "h-legacy", "x");
        Map<String, String> filesBefore = snapshot(temp.resolve("store"));

        Plan plan = plan(policy(true, true, true, new PublishPolicy.Retention(1, true), Duration.ZERO),
                desired(entry("a-new", "one"), entry("b-same", "two"), entry("c-changed", "three"),
                        entry("d-off", "four"), disabledEntry("e-retired", "five"), entry("f-empty", "six"),
                        entry("h-legacy", "y")));

        assertTrue(plan.hasChanges());
        assertEquals(filesBefore, snapshot(temp.resolve("store")));
    }

    @Test
    void planDoesNotShowValues() throws Exception {
        String leak = "v4lue-that-must-not-leak";
        stored(store, "changed", "old");

        Plan plan = plan(POLICY, new DesiredState(List.of(entry("changed", leak), entry("new", leak)),
                List.of(new Problem("x/.env:1", "bad")), List.of(), 1));

        assertFalse(plan.toString().contains(leak), "the plan shows a value");
    }

    @Test
    void countsEveryKindOfActionWithZerosIncluded() throws Exception {
        stored(store, "b-same", "two");

        Map<ActionKind, Integer> counts = plan(POLICY, desired(entry("a-new", "one"), entry("b-same", "two")))
                .counts();

        assertEquals(ActionKind.values().length, counts.size());
        assertEquals(1, counts.get(ActionKind.CREATE));
        assertEquals(1, counts.get(ActionKind.UNCHANGED));
        assertEquals(0, counts.get(ActionKind.DELETE));
    }

    /** Every file under {@code root} (but the lock) with its content, to tell whether anything changed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !p.endsWith(".lock")).toList()) {
                files.put(root.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
