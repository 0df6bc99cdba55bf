package io.smc.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.informer.ObjectKeys;
import io.smc.kube.informer.ResourceEventHandler;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Turns source changes into work for the configs that read the source, found through the config cache's
 * {@link SourceIndex}, so a new revision is published at once rather than at the next periodic reconcile. Only
 * changes of the source's status count (a new artifact, readiness); the caches keep nothing else of a source.
 */
public final class SourceEvents implements ResourceEventHandler {
    private final String kind;
    private final Function<String, List<String>> configsReading;
    private final Consumer<String> enqueue;

    /**
     * @param kind           the source kind as {@code spec.sourceRef.kind} names it
     * @param configsReading the keys of the configs indexed under a source key
     */
    public SourceEvents(String kind, Function<String, List<String>> configsReading, Consumer<String> enqueue) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.configsReading = Objects.requireNonNull(configsReading, "configsReading");
        this.enqueue = Objects.requireNonNull(enqueue, "enqueue");
    }

    @Override
    public void onAdd(ObjectNode object) {
        enqueueReaders(object);
    }

    @Override
    public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
        if (!oldObject.path("status").equals(newObject.path("status"))) {
            enqueueReaders(newObject);
        }
    }

    @Override
    public void onDelete(ObjectNode object) {
        enqueueReaders(object);
    }

    private void enqueueReaders(ObjectNode source) {
        String name = source.path("metadata").path("name").asText("");
        String namespace = source.path("metadata").path("namespace").asText("");
        if (name.isEmpty() || ObjectKeys.of(source) == null) {
            return;
        }
        configsReading.apply(SourceIndex.key(kind, namespace, name)).forEach(enqueue);
    }
}
