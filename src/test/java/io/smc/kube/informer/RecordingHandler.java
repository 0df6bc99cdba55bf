package io.smc.kube.informer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes down every notification as {@code add key@rv}, {@code update key@old->new}, {@code delete key@rv}, keeps a
 * mirror of key → resourceVersion built from the notifications alone, and notes any that contradict the mirror.
 */
final class RecordingHandler implements ResourceEventHandler {
    private final List<String> events = new ArrayList<>();
    private final List<ObjectNode> objects = new ArrayList<>();
    private final Map<String, String> mirror = new TreeMap<>();
    private final List<String> contradictions = new ArrayList<>();

    @Override
    public synchronized void onAdd(ObjectNode object) {
        String key = ObjectKeys.of(object);
        events.add("add " + key + "@" + ObjectKeys.resourceVersion(object));
        objects.add(object);
        if (mirror.put(key, ObjectKeys.resourceVersion(object)) != null) {
            contradictions.add("add of known " + key);
        }
    }

    @Override
    public synchronized void onUpdate(ObjectNode oldObject, ObjectNode newObject) {
        String key = ObjectKeys.of(newObject);
        String oldVersion = ObjectKeys.resourceVersion(oldObject);
        events.add("update " + key + "@" + oldVersion + "->" + ObjectKeys.resourceVersion(newObject));
        objects.add(newObject);
        String known = mirror.put(key, ObjectKeys.resourceVersion(newObject));
        if (known == null || !known.equals(oldVersion)) {
            contradictions.add("update of " + key + " from " + oldVersion + " but known at " + known);
        }
    }

    @Override
    public synchronized void onDelete(ObjectNode object) {
        String key = ObjectKeys.of(object);
        events.add("delete " + key + "@" + ObjectKeys.resourceVersion(object));
        objects.add(object);
        if (mirror.remove(key) == null) {
            contradictions.add("delete of unknown " + key);
        }
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized int count() {
        return events.size();
    }

    /** The objects handed to the handler, in order (the new one for an update). */
    synchronized List<ObjectNode> objects() {
        return List.copyOf(objects);
    }

    synchronized Map<String, String> mirror() {
        return new TreeMap<>(mirror);
    }

    synchronized List<String> contradictions() {
        return List.copyOf(contradictions);
    }
}
