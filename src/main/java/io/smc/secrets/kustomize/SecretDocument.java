package io.smc.secrets.kustomize;

import io.smc.secrets.Problem;
import io.smc.secrets.SecretValue;
import java.util.List;
import java.util.Map;

/**
 * One {@code v1} Secret of a build's output.
 *
 * @param namespace {@code metadata.namespace}, empty when not set
 * @param name      {@code metadata.name}
 * @param values    key → value, {@code stringData} over {@code data} as the API server merges them, sorted by key
 * @param problems  keys that could not be read (a {@code data} value that is not base64); never holds a value
 */
record SecretDocument(String namespace, String name, Map<String, SecretValue> values, List<Problem> problems) {
    SecretDocument {
        values = Map.copyOf(values);
        problems = List.copyOf(problems);
    }

    /** {@code namespace/name}, or the name alone when the build set no namespace. */
    String qualifiedName() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
