package io.smc.kube.http;

import io.smc.kube.ResourceType;

/**
 * What one call acts on, in the words RBAC uses, so every error can say which permission or object is involved.
 *
 * @param verb        the Kubernetes verb: get, list, watch, create, update, patch, delete
 * @param type        the resource
 * @param namespace   null for cluster-scoped kinds, and for all namespaces
 * @param name        null for collection calls
 * @param subresource {@code status}, or null
 */
record Target(String verb, ResourceType type, String namespace, String name, String subresource) {

    Target(String verb, ResourceType type, String namespace, String name) {
        this(verb, type, namespace, name, null);
    }

    /**
     * {@code list secrets in namespace "flux-system"}, {@code get namespaces "default"},
     * {@code update widgets.example.io/status "w" in namespace "apps"}: the resource as RBAC rules name it.
     */
    String describe() {
        StringBuilder text = new StringBuilder(verb).append(' ').append(type.qualifiedName());
        if (subresource != null) {
            text.append('/').append(subresource);
        }
        if (name != null) {
            text.append(" \"").append(name).append('"');
        }
        if (type.namespaced()) {
            text.append(namespace == null ? " in all namespaces" : " in namespace \"" + namespace + "\"");
        }
        return text.toString();
    }
}
