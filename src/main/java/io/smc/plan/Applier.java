package io.smc.plan;

import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Carries a plan out against a store, action by action. A failed action is recorded and the others still run:
 * each touches one secret only, and nothing here deletes, so a failure loses nothing.
 */
public final class Applier {
    private final Map<String, String> labels;

    /** @param labels the labels every secret this applier creates is given */
    public Applier(Map<String, String> labels) {
        this.labels = Map.copyOf(labels);
    }

    public List<AppliedAction> apply(Plan plan, SecretStore store) {
        List<AppliedAction> results = new ArrayList<>();
        for (PlannedAction action : plan.actions()) {
            try {
                perform(action, store);
                results.add(new AppliedAction(action, null));
            } catch (StoreException e) {
                results.add(new AppliedAction(action, e.getMessage()));
            }
        }
        return results;
    }

    private void perform(PlannedAction action, SecretStore store) throws StoreException {
        switch (action.kind()) {
            case CREATE -> {
                store.create(action.name(), labels);
                store.addVersion(action.name(), action.secret().value());
            }
            case ADD_VERSION -> store.addVersion(action.name(), action.secret().value());
            case ENABLE -> store.enableVersion(action.name(), action.version());
            case DISABLE -> store.disableVersion(action.name(), action.version());
            case UNCHANGED -> {
            }
        }
    }
}
