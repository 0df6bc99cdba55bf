package io.smc.plan;

import static io.smc.plan.PlannerTest.disabledEntry;
import static io.smc.plan.PlannerTest.entry;
import static io.smc.plan.PlannerTest.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.provider.StoreException;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.provider.local.LocalSecretStore;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.SecretValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
    private static final Map<String, String> MANAGED = Map.of("managed-by", "secret-manager-controller",
            "env", "prod");

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

    private static DesiredState desired(DesiredSecret... secrets) {
        return new DesiredState(List.of(secrets), List.of(), List.of(), 1);
    }

    private List<VersionState> states(String name) throws StoreException {
        return store.list().get(name).versions().stream().map(StoredVersion::state).toList();
    }

    private List<String> kinds(List<AppliedAction> results) {
        return results.stream().map(r -> r.action().kind() + (r.failed() ? "!" : "")).toList();
    }

    /** A store holding one secret for each kind of action the desired state below asks for. */
    private DesiredState storeNeedingEveryKindOfAction() throws StoreException {
        stored(store, "b-changed", "old");
        stored(store, "c-off", "old", "-three");
        stored(store, "d-retired", "four");
        stored(store, "e-same", "five");
        stored(store, "f-empty");
        return desired(entry("a-new", "one"), entry("b-changed", "two"), entry("c-off", "three"),
                disabledEntry("d-retired", "four"), entry("e-same", "five"), entry("f-empty", "six"));
    }

    @Test
    void appliedPlanLeavesNothingToDo() throws Exception {
        DesiredState state = storeNeedingEveryKindOfAction();
        Plan plan = Planner.plan(state, store);

        List<AppliedAction> results = new Applier(MANAGED).apply(plan, store);

        assertEquals(List.of("CREATE", "ADD_VERSION", "ENABLE", "DISABLE", "UNCHANGED", "ADD_VERSION"),
                kinds(results));
        assertEquals(plan.actions(), results.stream().map(AppliedAction::action).toList());
        Plan again = Planner.plan(state, store);
        assertFalse(again.hasChanges());
        assertEquals(6, again.counts().get(ActionKind.UNCHANGED));
        assertEquals(Optional.of(SecretValue.ofUtf8("one")), store.access("a-new", 1));
        assertEquals(Optional.of(SecretValue.ofUtf8("two")), store.access("b-changed", 2));
        assertEquals(List.of(VersionState.ENABLED, VersionState.ENABLED), states("c-off"));
        assertEquals(List.of(VersionState.DISABLED), states("d-retired"));
        assertEquals(Optional.of(SecretValue.ofUtf8("six")), store.access("f-empty", 1));
    }

    @Test
    void givesCreatedSecretsExactlyTheApplierLabels() throws Exception {
        store.create("existing", Map.of("owner", "search"));
        store.addVersion("existing", SecretValue.ofUtf8("old"));

        new Applier(MANAGED).apply(Planner.plan(desired(entry("existing", "new"), entry("fresh", "one")), store),
                store);

        assertEquals(MANAGED, store.list().get("fresh").labels());
        assertEquals(Map.of("owner", "search"), store.list().get("existing").labels());
        assertEquals(2, store.list().get("existing").versions().size());
    }

    @Test
    void enablesAndDisablesThePlannedVersion() throws Exception {
        stored(store, "on", "-one", "-two", "-three");
        stored(store, "off", "one", "two", "three");
        Plan plan = new Plan(store.id(), List.of(
                new PlannedAction(ActionKind.ENABLE, entry("on", "two"), "test", 2, "000000000000"),
                new PlannedAction(ActionKind.DISABLE, disabledEntry("off", "two"), "test", 2, "000000000000")),
                List.of(), List.of());

        List<AppliedAction> results = new Applier(MANAGED).apply(plan, store);

        assertEquals(List.of("ENABLE", "DISABLE"), kinds(results));
        assertEquals(List.of(VersionState.DISABLED, VersionState.ENABLED, VersionState.DISABLED), states("on"));
        assertEquals(List.of(VersionState.ENABLED, VersionState.DISABLED, VersionState.ENABLED), states("off"));
    }

    @Test
    void reportsAFailedActionByNameAndStillAppliesTheOthers() throws Exception {
        String leak = "v4lue-that-must-not-leak";
        DesiredState state = storeNeedingEveryKindOfAction();
        DesiredState withRace = desired(entry("a-new", "one"), entry("b-changed", "two"), entry("c-off", "three"),
                entry("contested", leak), disabledEntry("d-retired", "four"), entry("e-same", "five"),
                entry("f-empty", "six"));
        Plan plan = Planner.plan(withRace, store);
        store.create("contested", Map.of("owner", "someone-else")); // created between plan and apply

        List<AppliedAction> results = new Applier(MANAGED).apply(plan, store);

        assertEquals(List.of("CREATE", "ADD_VERSION", "ENABLE", "CREATE!", "DISABLE", "UNCHANGED", "ADD_VERSION"),
                kinds(results));
        String error = results.get(3).error();
        assertTrue(error.contains("contested"), "the error names the secret");
        assertFalse(error.contains(leak), "the error shows the value");
        assertFalse(results.toString().contains(leak), "a result shows the value");
        assertEquals(Map.of("owner", "someone-else"), store.list().get("contested").labels());
        assertEquals(List.of(), store.list().get("contested").versions());
        assertFalse(Planner.plan(state, store).hasChanges());
    }
}
