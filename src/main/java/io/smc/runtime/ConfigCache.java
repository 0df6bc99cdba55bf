package io.smc.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Where a reconcile reads its config: the informer cache, current as of the last event; never mutate the object. */
@FunctionalInterface
public interface ConfigCache {
    Optional<ObjectNode> config(String namespace, String name);

    /**
     * A source of kind {@code kind} (as {@code spec.sourceRef.kind} names it) as its informer last saw it, trimmed
     * to metadata and status; never mutate it. Empty when the cache cannot tell (the kind is not watched or not
     * listed yet, the namespace is outside the watch, the object was not seen): the caller reads it from the API.
     */
    default Optional<ObjectNode> source(String kind, String namespace, String name) {
        return Optional.empty();
    }
}
