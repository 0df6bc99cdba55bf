package io.smc.plan;

import io.smc.secrets.Problem;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything one revision asks of one store: the actions in name order, and what could not be planned. */
public record Plan(String storeId, List<PlannedAction> actions, List<Problem> problems, List<String> notes) {
    public Plan {
        actions = List.copyOf(actions);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean hasChanges() {
        return actions.stream().anyMatch(a -> a.kind().changesStore());
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
