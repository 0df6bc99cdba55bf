package io.smc.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the caches keep of each object. Every byte cached stays for the life of the process, once per object, so the
 * caches drop what reconciles never read: {@code managedFields} (often the largest part of an object) and the
 * last-applied annotation everywhere, and for sources everything but metadata and status (a source's spec is Flux's
 * or Argo CD's business; its status carries the artifact).
 */
public final class ObjectTrimming {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private ObjectTrimming() {
    }

    /** A config as reconciles read it: spec, status and metadata without the bookkeeping. */
    public static ObjectNode config(ObjectNode object) {
        trimMetadata(object);
        return object;
    }

    /** A source reduced to its identity, metadata and status. */
    public static ObjectNode source(ObjectNode object) {
        object.retain("apiVersion", "kind", "metadata", "status");
        trimMetadata(object);
        return object;
    }

    private static void trimMetadata(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode fields) {
            fields.remove("managedFields");
            if (fields.get("annotations") instanceof ObjectNode annotations) {
                annotations.remove(LAST_APPLIED);
                if (annotations.isEmpty()) {
                    fields.remove("annotations");
                }
            }
        }
    }
}
