package io.smc.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Where a reconcile reads its config: the informer cache, current as of the last event; never mutate the object. */
@FunctionalInterface
public interface ConfigCache {
    Optional<ObjectNode> config(String namespace, String name);
}
