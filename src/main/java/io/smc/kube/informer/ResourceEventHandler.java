package io.smc.kube.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.BiConsumer;

/**
 * Hears about changes to an informer's cache, on the informer's thread, after the cache has changed. The objects are
 * the cached instances, shared with every other handler and reader: never mutate them (copy first). Handlers should
 * be quick (enqueue a key and return): a slow handler delays every later event. An exception is logged and the
 * informer carries on with the next handler and event.
 */
public interface ResourceEventHandler {
    default void onAdd(ObjectNode object) {
    }

    /** {@code oldObject} and {@code newObject} differ in {@code metadata.resourceVersion}. */
    default void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
    }

    /** The last state the cache held; deletes of objects the cache never held are not delivered. */
    default void onDelete(ObjectNode object) {
    }

    /**
     * Every change as {@code ADDED}, {@code MODIFIED} or {@code DELETED} with the object as it now is (the last state
     * for a delete), as {@code kubectl get --watch} prints them.
     */
    static ResourceEventHandler changes(BiConsumer<String, ObjectNode> change) {
        return new ResourceEventHandler() {
            @Override
            public void onAdd(ObjectNode object) {
                change.accept("ADDED", object);
            }

            @Override
            public void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
                change.accept("MODIFIED", newObject);
            }

            @Override
            public void onDelete(ObjectNode object) {
                change.accept("DELETED", object);
            }
        };
    }
}
