package io.smc.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Origin;
import io.smc.secrets.Problem;
import io.smc.secrets.SecretValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    static DesiredSecret entry(String name, String value) {
        return new DesiredSecret(name, "billing", name.toUpperCase().replace('-', '_'), SecretValue.ofUtf8(value),
                false, new Origin("billing/.env", 3));
    }

    static DesiredSecret disabledEntry(String name, String value) {
        return new DesiredSecret(name, "billing", name.toUpperCase().replace('-', '_'), SecretValue.ofUtf8(value),
                true, new Origin("billing/.env", 4));
    }

    static DesiredState desired(DesiredSecret... secrets) {
        return new DesiredState(List.of(secrets), List.of(), List.of(), 1);
    }

    /** Creates {@code name} with one version per value; a value starting with "-" is added, then disabled. */
    static void stored(SecretStore store, String name, String... values) throws StoreException {
        store.create(name, Map.of());
        for (String v : values) {
            long number = store.addVersion(name, SecretValue.ofUtf8(v.startsWith("-") ? v.substring(1) : v));
            if (v.startsWith("-")) {
                store.disableVersion(name, number);
            }
        }
    }

    private PlannedAction planOne(DesiredSecret secret) throws StoreException {
        Plan plan = Planner.plan(desired(secret), store);
        assertEquals(1, plan.actions().size());
        PlannedAction action = plan.actions().get(0);
        assertEquals(secret, action.secret());
        return action;
    }

    private void assertDecision(ActionKind kind, long version, PlannedAction action) {
        assertEquals(kind + "@" + version, action.kind() + "@" + action.version());
    }

    @Test
    void createsASecretThatIsAbsent() throws Exception {
        assertDecision(ActionKind.CREATE, 0, planOne(entry("api-key", "one")));
    }

    @Test
    void leavesASecretWhoseNewestEnabledVersionHoldsTheValue() throws Exception {
        stored(store, "api-key", "old", "one");

        assertDecision(ActionKind.UNCHANGED, 0, planOne(entry("api-key", "one")));
    }

    @Test
    void addsAVersionWhenTheNewestEnabledVersionHoldsAnotherValue() throws Exception {
        stored(store, "api-key", "one", "old");

        assertDecision(ActionKind.ADD_VERSION, 0, planOne(entry("api-key", "one")));
    }

    @Test
    void enablesTheNewestVersionWhenItIsDisabledAndHoldsTheValue() throws Exception {
        stored(store, "api-key", "old", "-one");

        assertDecision(ActionKind.ENABLE, 2, planOne(entry("api-key", "one")));
    }

    @Test
    void addsAVersionWhenTheNewestVersionIsDisabledAndHoldsAnotherValue() throws Exception {
        stored(store, "api-key", "one", "-old");

        assertDecision(ActionKind.ADD_VERSION, 0, planOne(entry("api-key", "one")));
    }

    @Test
    void addsAVersionToASecretWithNoVersions() throws Exception {
        stored(store, "api-key");

        assertDecision(ActionKind.ADD_VERSION, 0, planOne(entry("api-key", "one")));
    }

    @Test
    void disablesTheNewestVersionOfADisabledEntry() throws Exception {
        stored(store, "api-key", "old", "one");

        assertDecision(ActionKind.DISABLE, 2, planOne(disabledEntry("api-key", "one")));
    }

    @Test
    void disablesTheNewestVersionOfADisabledEntryWhateverValueItHolds() throws Exception {
        stored(store, "api-key", "one", "other");

        assertDecision(ActionKind.DISABLE, 2, planOne(disabledEntry("api-key", "one")));
    }

    @Test
    void leavesADisabledEntryThatIsNotInTheStore() throws Exception {
        assertDecision(ActionKind.UNCHANGED, 0, planOne(disabledEntry("api-key", "one")));
        assertEquals(Map.of(), store.list());
    }

    @Test
    void leavesADisabledEntryWhoseNewestVersionIsAlreadyDisabled() throws Exception {
        stored(store, "api-key", "-one");

        assertDecision(ActionKind.UNCHANGED, 0, planOne(disabledEntry("api-key", "one")));
    }

    @Test
    void leavesADisabledEntryOfASecretWithNoVersions() throws Exception {
        stored(store, "api-key");

        assertDecision(ActionKind.UNCHANGED, 0, planOne(disabledEntry("api-key", "one")));
    }

    @Test
    void plansEachSecretInOrderWithItsSaltedFingerprint() throws Exception {
        stored(store, "b-same", "two");
        DesiredState state = desired(entry("a-new", "one"), entry("b-same", "two"), disabledEntry("c-off", "x"));

        Plan plan = Planner.plan(state, store);

        assertEquals(store.id(), plan.storeId());
        assertEquals(state.secrets(), plan.actions().stream().map(PlannedAction::secret).toList());
        assertEquals(List.of(ActionKind.CREATE, ActionKind.UNCHANGED, ActionKind.UNCHANGED),
                plan.actions().stream().map(PlannedAction::kind).toList());
        Fingerprinter fingerprinter = new Fingerprinter(store.id());
        for (PlannedAction action : plan.actions()) {
            assertEquals(fingerprinter.fingerprint(action.name(), action.secret().value()), action.fingerprint());
        }
    }

    @Test
    void comparesByReadingTheValueWhenTheStoreKeepsNoDigest() throws Exception {
        DigestlessStore digestless = new DigestlessStore();
        stored(digestless, "changed", "old");
        stored(digestless, "off", "one", "-same");
        stored(digestless, "retired", "one");
        stored(digestless, "same", "old", "same");
        stored(digestless, "was-off", "-same");
        digestless.writesAllowed = false;

        Plan plan = Planner.plan(desired(entry("changed", "new"), entry("off", "same"),
                disabledEntry("retired", "one"), entry("same", "same"), disabledEntry("was-off", "same")), digestless);

        assertEquals(List.of("ADD_VERSION@0", "ADD_VERSION@0", "DISABLE@1", "UNCHANGED@0", "UNCHANGED@0"),
                plan.actions().stream().map(a -> a.kind() + "@" + a.version()).toList());
        assertEquals(List.of("changed/1", "same/2"), digestless.accesses);
    }

    @Test
    void carriesTheProblemsAndNotesOfTheDesiredState() throws Exception {
        List<Problem> problems = List.of(new Problem("billing/.env:7", "line is not KEY=value"),
                new Problem("orders/application.yaml", "not valid YAML"));
        List<String> notes = List.of("service search has no profile prod");

        Plan plan = Planner.plan(new DesiredState(List.of(entry("api-key", "one")), problems, notes, 3), store);

        assertEquals(problems, plan.problems());
        assertEquals(notes, plan.notes());
        assertEquals(1, plan.actions().size());
    }

    @Test
    void countsEveryKindOfActionWithZerosIncluded() throws Exception {
        stored(store, "b-same", "two");
        stored(store, "c-same", "three");

        Plan plan = Planner.plan(desired(entry("a-new", "one"), entry("b-same", "two"), entry("c-same", "three"),
                entry("d-new", "four")), store);

        assertEquals(Map.of(ActionKind.CREATE, 2, ActionKind.ADD_VERSION, 0, ActionKind.ENABLE, 0,
                ActionKind.DISABLE, 0, ActionKind.UNCHANGED, 2), plan.counts());
        assertEquals(Map.of(ActionKind.CREATE, 0, ActionKind.ADD_VERSION, 0, ActionKind.ENABLE, 0,
                ActionKind.DISABLE, 0, ActionKind.UNCHANGED, 0), Planner.plan(desired(), store).counts());
    }

    @Test
    void hasChangesOnlyWhenSomeActionChangesTheStore() throws Exception {
        stored(store, "api-key", "one");
        stored(store, "old", "-gone");

        assertFalse(Planner.plan(desired(), store).hasChanges());
        assertFalse(Planner.plan(desired(entry("api-key", "one"), disabledEntry("old", "gone")), store)
                .hasChanges());
        assertTrue(Planner.plan(desired(entry("api-key", "two")), store).hasChanges());
        assertTrue(Planner.plan(desired(disabledEntry("api-key", "one")), store).hasChanges());
        assertTrue(Planner.plan(desired(entry("old", "gone")), store).hasChanges());
        assertTrue(Planner.plan(desired(entry("new", "one")), store).hasChanges());
    }

    @Test
    void neverChangesTheStore() throws Exception {
        stored(store, "b-same", "two");
        stored(store, "c-changed", "old");
        stored(store, "d-off", "-four");
        stored(store, "e-retired", "five");
        stored(store, "f-empty");
        Map<String, StoredSecret> before = store.list();
        Map<String, String> filesBefore = snapshot(temp.resolve("store"));

        Plan plan = Planner.plan(desired(entry("a-new", "one"), entry("b-same", "two"), entry("c-changed", "three"),
                entry("d-off", "four"), disabledEntry("e-retired", "five"), entry("f-empty", "six")), store);

        assertEquals(Map.of(ActionKind.CREATE, 1, ActionKind.ADD_VERSION, 2, ActionKind.ENABLE, 1,
                ActionKind.DISABLE, 1, ActionKind.UNCHANGED, 1), plan.counts());
        assertEquals(before, store.list());
        assertEquals(filesBefore, snapshot(temp.resolve("store")));
    }

    @Test
    void planDoesNotShowValues() throws Exception {
        String leak = "v4lue-that-must-not-leak";
        stored(store, "changed", "old");

        Plan plan = Planner.plan(new DesiredState(List.of(entry("changed", leak), entry("new", leak)),
                List.of(new Problem("x/.env:1", "bad")), List.of(), 1), store);

        assertFalse(plan.toString().contains(leak), "the plan shows a value");
        assertEquals(2, plan.actions().size());
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

    /** A store that, like one reached over the network, keeps no digests; it records every access. */
    static final class DigestlessStore implements SecretStore {
        private record Version(SecretValue value, VersionState state) {
        }

        private final Map<String, List<Version>> secrets = new TreeMap<>();
        final List<String> accesses = new ArrayList<>();
        boolean writesAllowed = true;

        @Override
        public String id() {
            return "fake:digestless";
        }

        @Override
        public Map<String, StoredSecret> list() {
            Map<String, StoredSecret> listed = new TreeMap<>();
            secrets.forEach((name, versions) -> {
                List<StoredVersion> stored = new ArrayList<>();
                for (int i = 0; i < versions.size(); i++) {
                    stored.add(new StoredVersion(i + 1, versions.get(i).state(), Optional.empty()));
                }
                listed.put(name, new StoredSecret(name, Map.of(), stored));
            });
            return listed;
        }

        @Override
        public Optional<SecretValue> access(String name, long version) {
            accesses.add(name + "/" + version);
            Version v = secrets.get(name).get((int) version - 1);
            return v.state() == VersionState.ENABLED ? Optional.of(v.value()) : Optional.empty();
        }

        @Override
        public void create(String name, Map<String, String> labels) {
            checkWritable();
            secrets.put(name, new ArrayList<>());
        }

        @Override
        public long addVersion(String name, SecretValue value) {
            checkWritable();
            secrets.get(name).add(new Version(value, VersionState.ENABLED));
            return secrets.get(name).size();
        }

        @Override
        public void disableVersion(String name, long version) {
            setState(name, version, VersionState.DISABLED);
        }

        @Override
        public void enableVersion(String name, long version) {
            setState(name, version, VersionState.ENABLED);
        }

        private void setState(String name, long version, VersionState state) {
            checkWritable();
            List<Version> versions = secrets.get(name);
            versions.set((int) version - 1, new Version(versions.get((int) version - 1).value(), state));
        }

        @Override
        public void setLabels(String name, Map<String, String> labels) {
            checkWritable();
        }

        @Override
        public void delete(String name) {
            checkWritable();
            secrets.remove(name);
        }

        private void checkWritable() {
            if (!writesAllowed) {
                throw new AssertionError("the planner wrote to the store");
            }
        }
    }
}
