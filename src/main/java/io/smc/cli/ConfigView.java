package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.smc.api.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A config as the cluster verbs show it, read from the object as served: names, states and counts, no values. */
record ConfigView(JsonNode object) {
    String namespace() {
        return object.path("metadata").path("namespace").asText("");
    }

    String name() {
        return object.path("metadata").path("name").asText("");
    }

    /** The condition of this type, or a missing node. */
    JsonNode condition(String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return condition;
            }
        }
        return MissingNode.getInstance();
    }

    /** {@code True}, {@code False}, {@code Unknown}, or {@code Unknown} when the controller has not written one. */
    String ready() {
        return condition(Conditions.READY).path("status").asText("Unknown");
    }

    String reason() {
        return condition(Conditions.READY).path("reason").asText("");
    }

    String message() {
        return condition(Conditions.READY).path("message").asText("");
    }

    String revision() {
        return object.path("status").path("lastAppliedRevision").asText("");
    }

    String secrets() {
        JsonNode synced = object.path("status").path("secretsSynced");
        return synced.isMissingNode() || synced.isNull() ? "" : synced.asText();
    }

    String lastReconcile(Instant now) {
        String time = object.path("status").path("lastReconcileTime").asText("");
        return time.isEmpty() ? "" : Ages.since(time, now) + " ago";
    }

    boolean suspended() {
        return object.path("spec").path("suspend").asBoolean(false);
    }

    String age(Instant now) {
        return Ages.since(object.path("metadata").path("creationTimestamp").asText(null), now);
    }

    String lastHandledReconcileAt() {
        return object.path("status").path("lastHandledReconcileAt").asText(null);
    }

    static final List<String> COLUMNS = List.of("NAME", "READY", "REASON", "REVISION", "SECRETS", "LAST RECONCILE",
            "SUSPENDED", "AGE", "MESSAGE");

    /** One row under {@link #COLUMNS}, with the namespace first when listing across namespaces. */
    List<String> row(Instant now, boolean withNamespace) {
        List<String> cells = List.of(name(), ready(), reason(), revision(), secrets(), lastReconcile(now),
                Boolean.toString(suspended()), age(now), message());
        if (!withNamespace) {
            return cells;
        }
        ArrayList<String> all = new ArrayList<>(cells);
        all.add(0, namespace());
        return all;
    }
}
