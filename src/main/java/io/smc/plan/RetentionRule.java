package io.smc.plan;

import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.secrets.DesiredSecret;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which old versions a retention policy retires once a new version is added. */
final class RetentionRule {
    private RetentionRule() {
    }

    /**
     * The versions beyond the newest {@code keep}, counting the version about to be added: disabled ones are left as
     * they are unless the policy destroys, destroyed ones are gone already, and those up to {@code adoptedAt} were
     * not made by this controller.
     */
    static List<PlannedAction> retired(PublishPolicy.Retention retention, DesiredSecret secret,
            List<StoredVersion> versions, long adoptedAt) {
        List<StoredVersion> live = versions.stream()
                .filter(v -> v.state() != VersionState.DESTROYED)
                .sorted(Comparator.comparingLong(StoredVersion::number).reversed())
                .toList();
        List<PlannedAction> actions = new ArrayList<>();
        String reason = "retention keeps the newest " + retention.keep();
        // The new version will be the newest, so keep - 1 of the existing ones stay as they are.
        for (StoredVersion old : live.subList(Math.min(live.size(), retention.keep() - 1), live.size())) {
            if (old.number() <= adoptedAt) {
                continue;
            }
            if (retention.destroy()) {
                actions.add(new PlannedAction(ActionKind.DESTROY, secret.name(), secret, reason, old.number(), "",
                        null, false));
            } else if (old.state() == VersionState.ENABLED) {
                actions.add(new PlannedAction(ActionKind.RETIRE, secret.name(), secret, reason, old.number(), "",
                        null, false));
            }
        }
        return actions;
    }
}
