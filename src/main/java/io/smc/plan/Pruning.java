package io.smc.plan;

import io.smc.provider.StoredSecret;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a config's secrets to delete because their keys left the source — and when not to: a source that could
 * not be read whole, or that yields nothing at all, is never taken to mean that its keys were removed.
 */
final class Pruning {
    private final String storeId;
    private final Ownership ownership;

    Pruning(String storeId, Ownership ownership) {
        this.storeId = storeId;
        this.ownership = ownership;
    }

    /** Adds the deletions to {@code actions}, or says in {@code notes} or {@code conflicts} why there are none. */
    void plan(DesiredState desired, Map<String, StoredSecret> listed, List<Problem> conflicts,
            List<PlannedAction> actions, List<String> notes) {
        Set<String> wanted = desired.secrets().stream().map(DesiredSecret::name).collect(Collectors.toSet());
        List<StoredSecret> orphans = listed.values().stream()
                .filter(s -> ownership.owns(s) && !wanted.contains(s.name()))
                .sorted(Comparator.comparing(StoredSecret::name))
                .toList();
        if (orphans.isEmpty()) {
            return;
        }
        if (!desired.problems().isEmpty() || !conflicts.isEmpty()) {
            notes.add("not deleting " + orphans.size() + " secret(s) whose keys left the source: the source has "
                    + "problems or conflicts, so its list of keys may be incomplete");
            return;
        }
        if (desired.secrets().isEmpty()) {
            conflicts.add(new Problem(storeId, "the source yields no secret at all; refusing to delete all "
                    + orphans.size() + " secret(s) of config " + ownership + " (check the environment and "
                    + "paths; delete the config to remove its secrets)"));
            return;
        }
        orphans.forEach(orphan -> actions.add(delete(orphan, "its key left the source")));
    }

    /** Deletes {@code stored} under the etag it was read with, so a secret changed since is left alone. */
    static PlannedAction delete(StoredSecret stored, String reason) {
        return new PlannedAction(ActionKind.DELETE, stored.name(), null, reason, 0, "",
                new PlannedAction.Metadata(stored.labels(), stored.annotations(), stored.etag()), false);
    }
}
