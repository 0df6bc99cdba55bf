package io.smc.provider;

import io.smc.api.Replication;
import java.util.Map;

/**
 * What a secret is created with. Replication can only be chosen here: Secret Manager cannot change it later.
 *
 * @param replication null for automatic replication (and for regional secrets, which take none)
 */
public record NewSecret(Map<String, String> labels, Map<String, String> annotations, Replication replication) {
    public NewSecret {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public static NewSecret labelled(Map<String, String> labels) {
        return new NewSecret(labels, Map.of(), null);
    }
}
