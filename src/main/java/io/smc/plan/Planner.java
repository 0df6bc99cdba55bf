package io.smc.plan;

import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.StoredVersion;
import io.smc.provider.VersionState;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a desired state with a store and decides, per secret, what to do. Values are compared with the newest
 * live version, the one Secret Manager's {@code latest} alias serves: by digest where the store keeps one, else by
 * reading it. The planner only reads; nothing it does changes the store.
 */
public final class Planner {
    private Planner() {
    }

    public static Plan plan(DesiredState desired, SecretStore store) throws StoreException {
        Fingerprinter fingerprinter = new Fingerprinter(store.id());
        Map<String, StoredSecret> stored = store.list();
        List<PlannedAction> actions = new ArrayList<>();
        for (DesiredSecret secret : desired.secrets()) {
            Decision decision = decide(secret, stored.get(secret.name()), store);
            actions.add(new PlannedAction(decision.kind, secret, decision.reason, decision.version,
                    fingerprinter.fingerprint(secret.name(), secret.value())));
        }
        return new Plan(store.id(), actions, desired.problems(), desired.notes());
    }

    private record Decision(ActionKind kind, String reason, long version) {
        static Decision of(ActionKind kind, String reason) {
            return new Decision(kind, reason, 0);
        }
    }

    private static Decision decide(DesiredSecret secret, StoredSecret stored, SecretStore store)
            throws StoreException {
        Optional<StoredVersion> newest = stored == null ? Optional.empty() : stored.newestLiveVersion();
        if (secret.disabled()) {
            if (newest.isPresent() && newest.get().state() == VersionState.ENABLED) {
                return new Decision(ActionKind.DISABLE, "entry is disabled in the source", newest.get().number());
            }
            return Decision.of(ActionKind.UNCHANGED, stored == null ? "disabled entry, not in the store"
                    : "disabled entry, no enabled version");
        }
        if (stored == null) {
            return Decision.of(ActionKind.CREATE, "not in the store");
        }
        if (newest.isEmpty()) {
            return Decision.of(ActionKind.ADD_VERSION, "the secret has no live version");
        }
        StoredVersion version = newest.get();
        boolean same = holdsValue(secret, version, store);
        if (version.state() == VersionState.ENABLED) {
            return same ? Decision.of(ActionKind.UNCHANGED, "version " + version.number() + " holds this value")
                    : Decision.of(ActionKind.ADD_VERSION, "value differs from version " + version.number());
        }
        return same ? new Decision(ActionKind.ENABLE, "version " + version.number()
                        + " holds this value but is disabled", version.number())
                : Decision.of(ActionKind.ADD_VERSION, "version " + version.number()
                        + " is disabled and holds another value");
    }

    /** Whether the version holds the secret's value; a disabled version without a digest cannot be read, so no. */
    private static boolean holdsValue(DesiredSecret secret, StoredVersion version, SecretStore store)
            throws StoreException {
        if (version.sha256().isPresent()) {
            return MessageDigest.isEqual(version.sha256().get().getBytes(StandardCharsets.US_ASCII),
                    secret.value().sha256().getBytes(StandardCharsets.US_ASCII));
        }
        if (version.state() != VersionState.ENABLED) {
            return false;
        }
        return store.access(secret.name(), version.number()).map(secret.value()::equals).orElse(false);
    }
}
