package io.smc.kube.informer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cache key of an object, as client-go's {@code MetaNamespaceKeyFunc} makes it: {@code namespace/name}, or just
 * {@code name} for a cluster-scoped object. Work queues carry these keys, so they must agree with the informer's.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /** The key of an object, or null when it has no {@code metadata.name}. */
    public static String of(ObjectNode object) {
        String name = text(object, "name");
        return name == null ? null : of(text(object, "namespace"), name);
    }

    /** The key for a name in a namespace; a null or empty namespace gives the cluster-scoped form. */
    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** {@code metadata.resourceVersion}, or null when absent. */
    public static String resourceVersion(ObjectNode object) {
        return text(object, "resourceVersion");
    }

    private static String text(ObjectNode object, String field) {
        if (object == null) {
            return null;
        }
        JsonNode value = object.path("metadata").path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
