package io.smc.plan;

import io.smc.secrets.DesiredSecret;
import java.util.Map;

/**
 * One line of a plan. It carries the desired secret (whose value never prints itself) so the plan can be applied
 * as it was shown.
 *
 * @param name        the secret's name
 * @param secret      the desired secret, null for a {@link ActionKind#DELETE}
 * @param version     the version an enable, disable, retire or destroy acts on, else 0
 * @param fingerprint a short salted fingerprint of the desired value, to tell values apart without showing them;
 *                    empty for a delete
 * @param metadata    the labels and annotations to write, with the etag they were computed from; null unless the
 *                    action writes metadata (create, adopt, update-metadata) or deletes under an etag
 * @param drift       the store holds a value this controller did not write (someone added a version by hand)
 */
public record PlannedAction(ActionKind kind, String name, DesiredSecret secret, String reason, long version,
        String fingerprint, Metadata metadata, boolean drift) {

    /** Labels and annotations as they are to be written, computed from the secret's metadata at {@code etag}. */
    public record Metadata(Map<String, String> labels, Map<String, String> annotations, String etag) {
        public Metadata {
            labels = Map.copyOf(labels);
            annotations = Map.copyOf(annotations);
        }
    }

    public int size() {
        return secret == null ? 0 : secret.value().size();
    }
}
