package io.smc.kube.http;

import io.smc.kube.ResourceType;

/**
 * What one call acts on, in the words RBAC uses, so every error can say which permission or object is involved.
 *
 * @param verb      the Kubernetes verb: get, list, watch, create, update, patch, delete
 * @param type      the resource
 * @param namespace null for cluster-scoped kinds, and for all namespaces
 * @param name      null for collection calls
 */
record Target(String verb, ResourceType type, String namespace, String name) {

    /** {@code list secrets in namespace "flux-system"}, {@code get namespaces "default"}. */
    String describe() {
        StringBuilder text = new StringBuilder(verb).append(' ').append(type.qualifiedName());
        if (name != null) {
            text.append(" \"").append(name).append('"');
        }
        if (type.namespaced()) {
            text.append(namespace == null ? " in all namespaces" : " in namespace \"" + namespace + "\"");
        }
        return text.toString();
    }
}
