package io.smc.plan;

import io.smc.provider.NewSecret;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.VersionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Carries a plan out against a store. The actions of one secret run in order, and stop at the first failure; the
 * secrets run side by side. A failed action is recorded and the other secrets still go on: each action touches one
 * secret only, so a failure loses nothing. A plan with conflicts is not applied at all.
 */
public final class Applier {
    /** How often a metadata update is recomputed after someone else changed the secret in between. */
    private static final int STALE_ATTEMPTS = 3;

    private final SecretStore store;
    private final PublishPolicy policy;
    private final KnownValues known;
    private final int parallelism;
    private final String metadataDigest;

    public Applier(SecretStore store, PublishPolicy policy, KnownValues known, int parallelism) {
        this.store = store;
        this.policy = policy;
        this.known = known;
        this.parallelism = parallelism;
        this.metadataDigest = policy.metadataDigest();
    }

    /** One result per action of the plan, in the plan's order. */
    public List<AppliedAction> apply(Plan plan) {
        if (!plan.writable()) {
            return plan.actions().stream().map(a -> new AppliedAction(a, a.kind().changesStore()
                    ? "not applied: the plan has ownership conflicts" : null)).toList();
        }
        Map<String, List<PlannedAction>> bySecret = new LinkedHashMap<>();
        plan.actions().forEach(a -> bySecret.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a));
        List<List<AppliedAction>> groups;
        try {
            groups = Parallel.map(List.copyOf(bySecret.values()), parallelism, this::applyInOrder);
        } catch (StoreException e) {
            throw new IllegalStateException("applyInOrder records failures instead of throwing", e);
        }
        Map<PlannedAction, AppliedAction> outcomes = new LinkedHashMap<>();
        groups.forEach(group -> group.forEach(result -> outcomes.put(result.action(), result)));
        List<AppliedAction> results = plan.actions().stream().map(outcomes::get).toList();
        if (plan.problems().isEmpty() && results.stream().noneMatch(AppliedAction::failed)) {
            List<String> published = plan.actions().stream().filter(a -> a.kind() != ActionKind.DELETE)
                    .map(PlannedAction::name).distinct().toList();
            known.published(store.id(), policy.ownership().toString(), published);
        } else {
            known.forgetPublished(store.id(), policy.ownership().toString());
        }
        return results;
    }

    private List<AppliedAction> applyInOrder(List<PlannedAction> actions) {
        List<AppliedAction> results = new ArrayList<>();
        String failure = null;
        for (PlannedAction action : actions) {
            if (failure != null) {
                results.add(new AppliedAction(action, "skipped: an earlier action on this secret failed"));
                continue;
            }
            try {
                perform(action);
                results.add(new AppliedAction(action, null));
            } catch (StoreException e) {
                failure = e.getMessage();
                results.add(new AppliedAction(action, failure));
            }
        }
        PlannedAction first = actions.get(0);
        if (failure != null) {
            // Whatever the store holds now, it is not what the memory says: the next plan reads it afresh.
            known.forget(store.id(), first.name());
        } else if (first.kind() != ActionKind.DELETE && first.kind() != ActionKind.UNCHANGED) {
            known.metadataConfirmed(store.id(), first.name(), metadataDigest);
        }
        return results;
    }

    private void perform(PlannedAction action) throws StoreException {
        String name = action.name();
        switch (action.kind()) {
            case CREATE -> {
                PlannedAction.Metadata metadata = action.metadata();
                store.create(name, new NewSecret(metadata.labels(), metadata.annotations(), policy.replication()));
                addVersion(action);
            }
            case ADOPT, UPDATE_METADATA -> updateMetadata(action);
            case ADD_VERSION -> addVersion(action);
            case ENABLE -> {
                store.enableVersion(name, action.version());
                known.stateChanged(store.id(), name, action.version(), VersionState.ENABLED);
            }
            case DISABLE -> {
                store.disableVersion(name, action.version());
                known.stateChanged(store.id(), name, action.version(), VersionState.DISABLED);
            }
            case RETIRE -> store.disableVersion(name, action.version());
            case DESTROY -> store.destroyVersion(name, action.version());
            case DELETE -> {
                store.delete(name, action.metadata().etag());
                known.forget(store.id(), name);
            }
            case UNCHANGED -> {
            }
        }
    }

    private void addVersion(PlannedAction action) throws StoreException {
        long number = store.addVersion(action.name(), action.secret().value());
        known.confirmed(store.id(), action.name(), number, VersionState.ENABLED, action.secret().value().sha256());
    }

    /**
     * Writes the planned labels and annotations under the etag they were computed from. When someone changed the
     * secret in between, reads it again and merges anew instead of overwriting their change, and stops when the
     * secret has meanwhile become another config's.
     */
    private void updateMetadata(PlannedAction action) throws StoreException {
        PlannedAction.Metadata metadata = action.metadata();
        for (int attempt = 1; ; attempt++) {
            try {
                store.updateMetadata(action.name(), metadata.labels(), metadata.annotations(), metadata.etag());
                return;
            } catch (StoreException e) {
                if (!e.stale() || attempt == STALE_ATTEMPTS) {
                    throw e;
                }
            }
            Optional<StoredSecret> fresh = store.get(action.name());
            if (fresh.isEmpty()) {
                throw StoreException.refused("secret " + action.name() + " was deleted while being updated");
            }
            Ownership.Claim claim = policy.ownership().claim(fresh.get());
            if (claim == Ownership.Claim.OTHER_CONFIG
                    || (claim == Ownership.Claim.NOT_MANAGED && action.kind() != ActionKind.ADOPT)) {
                throw StoreException.refused("secret " + action.name() + " was taken over by "
                        + Ownership.ownerNamedBy(fresh.get()) + " while being updated; left alone");
            }
            Map<String, String> extra = new LinkedHashMap<>();
            String adopted = metadata.annotations().get(Planner.ADOPTED_VERSION);
            if (adopted != null) {
                extra.put(Planner.ADOPTED_VERSION, adopted);
            }
            metadata = policy.merged(fresh.get().labels(), fresh.get().annotations(), fresh.get().etag(), extra);
        }
    }
}
