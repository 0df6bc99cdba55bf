package io.smc.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.SecretManagerConfig;
import io.smc.kube.informer.ObjectKeys;
import io.smc.kube.informer.ResourceEventHandler;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns config changes into work: every add and delete, and the updates that ask for a reconcile — a new generation
 * (the spec changed), deletion starting, or a change of a trigger annotation. Updates of the status alone, which the
 * reconciler makes itself, and of bookkeeping metadata do not: a reconciler that reacted to its own status writes
 * would loop.
 */
public final class ConfigEvents implements ResourceEventHandler {
    /** Annotations whose change asks for a reconcile now: Flux's convention, and this controller's own prefix. */
    static final String FLUX_REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    static final String OWN_PREFIX = SecretManagerConfig.GROUP + "/";

    private final Consumer<String> enqueue;

    public ConfigEvents(Consumer<String> enqueue) {
        this.enqueue = Objects.requireNonNull(enqueue, "enqueue");
    }

    @Override
    public void onAdd(ObjectNode object) {
        add(object);
    }

    @Override
    public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
        if (needsReconcile(oldObject, newObject)) {
            add(newObject);
        }
    }

    @Override
    public void onDelete(ObjectNode object) {
        add(object);
    }

    static boolean needsReconcile(ObjectNode oldObject, ObjectNode newObject) {
        JsonNode before = oldObject.path("metadata");
        JsonNode after = newObject.path("metadata");
        return !before.path("generation").equals(after.path("generation"))
                || !before.path("deletionTimestamp").equals(after.path("deletionTimestamp"))
                || !triggers(before).equals(triggers(after));
    }

    private static Map<String, String> triggers(JsonNode metadata) {
        Map<String, String> triggers = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> annotations = metadata.path("annotations").fields();
        while (annotations.hasNext()) {
            Map.Entry<String, JsonNode> annotation = annotations.next();
            String name = annotation.getKey();
            if (name.equals(FLUX_REQUESTED_AT) || name.startsWith(OWN_PREFIX)) {
                triggers.put(name, annotation.getValue().asText());
            }
        }
        return triggers;
    }

    private void add(ObjectNode object) {
        String key = ObjectKeys.of(object);
        if (key != null) {
            enqueue.accept(key);
        }
    }
}
