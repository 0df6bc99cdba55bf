package io.smc.kube.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The object an Event is about, as core/v1 {@code ObjectReference} names it.
 *
 * @param namespace null or empty for a cluster-scoped object
 * @param uid       may be null; with it, {@code kubectl describe} finds the event only for this incarnation
 */
public record ObjectReference(String apiVersion, String kind, String namespace, String name, String uid,
        String resourceVersion) {
    public ObjectReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (namespace != null && namespace.isEmpty()) {
            namespace = null;
        }
    }

    /** The reference to an object as read from the server (a cached informer object, say). */
    public static ObjectReference of(ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        return new ObjectReference(text(object.get("apiVersion")), text(object.get("kind")),
                text(metadata.get("namespace")), text(metadata.get("name")), text(metadata.get("uid")),
                text(metadata.get("resourceVersion")));
    }

    /** The JSON form, leaving out absent fields. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        put(json, "apiVersion", apiVersion);
        put(json, "kind", kind);
        put(json, "namespace", namespace);
        put(json, "name", name);
        put(json, "uid", uid);
        put(json, "resourceVersion", resourceVersion);
        return json;
    }

    private static void put(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isEmpty() ? null : node.asText();
    }
}
