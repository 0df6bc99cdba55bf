package io.smc.runtime;

/**
 * A queue key split into namespace and name, as client-go's {@code SplitMetaNamespaceKey}: {@code namespace/name},
 * or {@code name} alone for a cluster-scoped object (namespace empty).
 */
record ObjectKey(String namespace, String name) {
    /** @throws IllegalArgumentException for an empty name or more than one slash */
    static ObjectKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return checked(key, "", key);
        }
        if (key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("a key is namespace/name or name, not " + key);
        }
        return checked(key, key.substring(0, slash), key.substring(slash + 1));
    }

    private static ObjectKey checked(String key, String namespace, String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a key needs a name: " + key);
        }
        return new ObjectKey(namespace, name);
    }
}
