package io.smc.plan;

import io.smc.secrets.Problem;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one revision asks of one store: the actions in name order, what could not be planned, and the
 * conflicts that forbid writing anything (a secret that another config owns, or that no config owns and the policy
 * does not adopt).
 */
public record Plan(String storeId, List<PlannedAction> actions, List<Problem> problems, List<Problem> conflicts,
        List<String> notes) {
    public Plan {
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
        conflicts = List.copyOf(conflicts);
        notes = List.copyOf(notes);
    }

    public boolean hasChanges() {
        return actions.stream().anyMatch(a -> a.kind().changesStore());
    }

    /** False when a conflict forbids every write of this plan. */
    public boolean writable() {
        return conflicts.isEmpty();
    }

    /** Whether the store holds values this controller did not write. */
    public boolean hasDrift() {
        return actions.stream().anyMatch(PlannedAction::drift);
    }

    /** How many actions of each kind, every kind present (zero included). */
    public Map<ActionKind, Integer> counts() {
        Map<ActionKind, Integer> counts = new EnumMap<>(ActionKind.class);
        for (ActionKind kind : ActionKind.values()) {
            counts.put(kind, 0);
        }
        actions.forEach(a -> counts.merge(a.kind(), 1, Integer::sum));
        return counts;
    }
}
