package io.smc.kube.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The objects an informer holds, by key, with secondary indexes kept in step. Written by the informer's thread only,
 * read by any; one lock keeps an index from ever disagreeing with the objects. Index functions must be pure: an
 * object's keys are computed again from the same (never mutated) object when it leaves the cache.
 */
final class IndexedCache {
    private final Map<String, ObjectNode> objects = new HashMap<>();
    private final Map<String, Function<ObjectNode, Collection<String>>> indexers;
    /** index name → index value → object keys. */
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
    private final Consumer<String> log;

    IndexedCache(Map<String, Function<ObjectNode, Collection<String>>> indexers, Consumer<String> log) {
        this.indexers = Map.copyOf(indexers);
        this.log = log;
        this.indexers.keySet().forEach(name -> indexes.put(name, new HashMap<>()));
    }

    synchronized ObjectNode get(String key) {
        return objects.get(key);
    }

    synchronized List<ObjectNode> list() {
        return List.copyOf(objects.values());
    }

    synchronized List<ObjectNode> byIndex(String index, String value) {
        Map<String, Set<String>> byValue = indexes.get(index);
        if (byValue == null) {
            throw new IllegalArgumentException("no index named " + index);
        }
        return byValue.getOrDefault(value, Set.of()).stream().map(objects::get).toList();
    }

    /**
     * Adds or replaces an object; null when the cache already holds this resourceVersion of it (the cached instance
     * stays, so handlers never see the same version twice).
     */
    synchronized Delta upsert(String key, ObjectNode object) {
        ObjectNode previous = objects.get(key);
        if (previous != null && sameVersion(previous, object)) {
            return null;
        }
        if (previous != null) {
            unindex(key, previous);
        }
        objects.put(key, object);
        index(key, object);
        return previous == null ? Delta.added(object) : Delta.updated(previous, object);
    }

    /** Removes an object; null when the cache did not hold it. */
    synchronized Delta remove(String key) {
        ObjectNode previous = objects.remove(key);
        if (previous == null) {
            return null;
        }
        unindex(key, previous);
        return Delta.deleted(previous);
    }

    /**
     * Replaces everything with a fresh list and returns the difference: deletes for keys that vanished, then, in
     * list order, updates for changed resourceVersions and adds for new keys. Unchanged objects keep their cached
     * instance and produce nothing.
     */
    synchronized List<Delta> replace(Map<String, ObjectNode> fresh) {
        List<Delta> deltas = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> cached : objects.entrySet()) {
            if (!fresh.containsKey(cached.getKey())) {
                deltas.add(Delta.deleted(cached.getValue()));
            }
        }
        Map<String, ObjectNode> next = new LinkedHashMap<>();
        for (Map.Entry<String, ObjectNode> entry : fresh.entrySet()) {
            ObjectNode previous = objects.get(entry.getKey());
            if (previous == null) {
                deltas.add(Delta.added(entry.getValue()));
                next.put(entry.getKey(), entry.getValue());
            } else if (sameVersion(previous, entry.getValue())) {
                next.put(entry.getKey(), previous);
            } else {
                deltas.add(Delta.updated(previous, entry.getValue()));
                next.put(entry.getKey(), entry.getValue());
            }
        }
        objects.clear();
        objects.putAll(next);
        indexes.values().forEach(Map::clear);
        objects.forEach(this::index);
        return deltas;
    }

    private static boolean sameVersion(ObjectNode a, ObjectNode b) {
        String version = ObjectKeys.resourceVersion(a);
        return version != null && version.equals(ObjectKeys.resourceVersion(b));
    }

    private void index(String key, ObjectNode object) {
        indexers.forEach((name, function) -> {
            Map<String, Set<String>> byValue = indexes.get(name);
            for (String value : values(name, function, key, object)) {
                byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(key);
            }
        });
    }

    private void unindex(String key, ObjectNode object) {
        indexers.forEach((name, function) -> {
            Map<String, Set<String>> byValue = indexes.get(name);
            for (String value : values(name, function, key, object)) {
                Set<String> keys = byValue.get(value);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    byValue.remove(value);
                }
            }
        });
    }

    private Collection<String> values(String index, Function<ObjectNode, Collection<String>> function, String key,
            ObjectNode object) {
        try {
            Collection<String> values = function.apply(object);
            return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
        } catch (RuntimeException e) {
            // The object stays cached, just unreachable through this index: better than losing the event.
            log.accept("index " + index + " failed for " + key + ": " + e.getClass().getSimpleName());
            return List.of();
        }
    }
}
