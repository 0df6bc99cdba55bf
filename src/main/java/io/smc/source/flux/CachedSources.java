package io.smc.source.flux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * Where Flux sources can be read without a call to the API server: the controller's watch of them. A reconcile that
 * a source event started finds the object in the cache already, so reading it again with a GET costs an API call
 * (and a wait for the client's rate limit) on the way from a new revision to its publication, and buys nothing.
 */
@FunctionalInterface
public interface CachedSources {
    /** No cache: every source is read from the API, as the one-shot commands do. */
    CachedSources NONE = ref -> Optional.empty();

    /**
     * The source as the watch last saw it, with at least its metadata and status; never mutate it. Empty when the
     * cache cannot tell (the kind is not watched or not listed yet, the namespace is outside the watch, or the object
     * was not seen), in which case the source is read from the API.
     */
    Optional<ObjectNode> find(SourceReference ref);
}
