package io.smc.plan;

import io.smc.provider.NewSecret;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Origin;
import io.smc.secrets.SecretValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Desired secrets, stored secrets and policies for the planner's and applier's tests. */
final class PlanFixtures {
    static final Ownership OWNER = Ownership.of("team-a", "billing");
    static final PublishPolicy POLICY = PublishPolicy.defaults(OWNER);

    private PlanFixtures() {
    }

    static DesiredSecret entry(String name, String value) {
        return new DesiredSecret(name, "billing", name.toUpperCase().replace('-', '_'), SecretValue.ofUtf8(value),
                false, new Origin("billing/.env", 3));
    }

    static DesiredSecret disabledEntry(String name, String value) {
        return new DesiredSecret(name, "billing", name.toUpperCase().replace('-', '_'), SecretValue.ofUtf8(value),
                true, new Origin("billing/.env", 4));
    }

    static DesiredState desired(DesiredSecret... secrets) {
        return new DesiredState(List.of(secrets), List.of(), List.of(), 1);
    }

    /** Creates {@code name} owned by {@link #OWNER} with one version per value; "-value" is added, then disabled. */
    static void stored(SecretStore store, String name, String... values) throws StoreException {
        storedWith(store, Map.copyOf(OWNER.labels()), name, values);
    }

    static void storedWith(SecretStore store, Map<String, String> labels, String name, String... values)
            throws StoreException {
        store.create(name, NewSecret.labelled(labels));
        for (String v : values) {
            long number = store.addVersion(name, SecretValue.ofUtf8(v.startsWith("-") ? v.substring(1) : v));
            if (v.startsWith("-")) {
                store.disableVersion(name, number);
            }
        }
    }

    static PublishPolicy policy(boolean triggerUpdate, boolean adopt, boolean prune, PublishPolicy.Retention retention,
            Duration driftCheckInterval) {
        return new PublishPolicy(OWNER, Map.of("team", "payments"), Map.of("owner", "billing@example.com"), null,
                triggerUpdate, adopt, prune, retention, driftCheckInterval);
    }

    static List<String> kinds(Plan plan) {
        return plan.actions().stream().map(a -> a.kind().label() + " " + a.name()
                + (a.version() > 0 ? "@" + a.version() : "")).toList();
    }
}
