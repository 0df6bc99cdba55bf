package io.smc.plan;

import io.smc.secrets.DesiredSecret;

/**
 * One line of a plan. It carries the desired secret (whose value never prints itself) so the plan can be applied
 * as it was shown.
 *
 * @param version     the version an {@link ActionKind#ENABLE} or {@link ActionKind#DISABLE} acts on, else 0
 * @param fingerprint a short salted fingerprint of the desired value, to tell values apart without showing them
 */
public record PlannedAction(ActionKind kind, DesiredSecret secret, String reason, long version, String fingerprint) {
    public String name() {
        return secret.name();
    }

    public int size() {
        return secret.value().size();
    }
}
