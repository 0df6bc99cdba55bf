package io.smc.provider;

import io.smc.api.Replication;
import java.util.Map;

/**
 * What a store holds for one secret besides its versions.
 *
 * @param etag        changes with every change of the secret's metadata; a precondition for updates and deletes
 * @param replication how a global secret is replicated, null where the store has no such notion or the secret is
 *                    regional
 */
public record StoredSecret(String name, Map<String, String> labels, Map<String, String> annotations, String etag,
        Replication replication) {
    public StoredSecret {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
