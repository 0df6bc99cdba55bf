package io.smc.plan;

import io.smc.api.Conditions;
import io.smc.api.Replication;
import io.smc.provider.LatestVersion;
import io.smc.provider.SecretSelection;
import io.smc.provider.SecretStore;
import io.smc.provider.StoreException;
import io.smc.provider.StoredSecret;
import io.smc.provider.VersionState;
import io.smc.secrets.DesiredSecret;
import io.smc.secrets.DesiredState;
import io.smc.secrets.Problem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares a desired state with a store and decides, per secret, what to do. The planner only reads; nothing it
 * does changes the store.
 *
 * <p>It is frugal with the store, whose reads are scarce and whose accesses are billed: a secret whose desired value
 * and metadata equal what {@link KnownValues} remembers, confirmed within the drift-check interval, costs no call at
 * all. The others cost one listing for the whole plan (the metadata and ownership of those secrets and, when
 * pruning, of the owner's) and one access of the {@code latest} alias each; only a secret about to get a new version
 * under a retention policy also lists its versions.
 */
public final class Planner {
    /** Annotation recording the newest version when a secret was adopted: older versions are not ours to retire. */
    public static final String ADOPTED_VERSION = "smc-adopted-version";
    /** Where the secret's annotations were not read, so the adopted version is not known and retention waits. */
    private static final long ADOPTION_UNKNOWN = -1;

    private final SecretStore store;
    private final PublishPolicy policy;
    private final KnownValues known;
    private final int parallelism;

    public Planner(SecretStore store, PublishPolicy policy, KnownValues known, int parallelism) {
        this.store = store;
        this.policy = policy;
        this.known = known;
        this.parallelism = parallelism;
    }

    /** What one secret needs; conflicts forbid the whole plan's writes. */
    private record Decision(List<PlannedAction> actions, Problem conflict, String note) {
        static Decision of(PlannedAction... actions) {
            return new Decision(List.of(actions), null, null);
        }
    }

    public Plan plan(DesiredState desired) throws StoreException {
        Fingerprinter fingerprinter = new Fingerprinter(store.id());
        String metadataDigest = policy.metadataDigest();
        List<PlannedAction> actions = new ArrayList<>();
        List<DesiredSecret> owned = new ArrayList<>();
        List<DesiredSecret> unsettled = new ArrayList<>();
        for (DesiredSecret secret : desired.secrets()) {
            switch (memoryOf(secret, metadataDigest)) {
                case SETTLED -> actions.add(action(ActionKind.UNCHANGED, secret, "unchanged since last confirmed", 0,
                        fingerprinter));
                case OWNED -> owned.add(secret);
                case UNKNOWN -> unsettled.add(secret);
            }
        }
        // The memory vouches for ownership and metadata: one access decides, without reading the scarce metadata.
        List<List<PlannedAction>> decided = Parallel.map(owned, parallelism,
                secret -> decideKnown(secret, new Fingerprinter(store.id())));
        for (int i = 0; i < owned.size(); i++) {
            if (decided.get(i) == null) {
                unsettled.add(owned.get(i));
            } else {
                actions.addAll(decided.get(i));
            }
        }
        List<String> names = desired.secrets().stream().map(DesiredSecret::name).toList();
        boolean pruneNeedsListing = policy.prune() && !known.publishedNames(store.id(), policy.ownership().toString())
                .map(Set.copyOf(names)::equals).orElse(false);
        // One listing of what this plan needs: the unsettled secrets, and this owner's when pruning.
        SecretSelection needed = SecretSelection.named(unsettled.stream().map(DesiredSecret::name)
                .collect(Collectors.toSet()));
        Map<String, StoredSecret> listed = pruneNeedsListing ? store.list(policy.ownership().withOwned(needed))
                : needed.isEmpty() ? Map.of() : store.list(needed);

        List<Decision> decisions = Parallel.map(unsettled, parallelism, secret -> {
            // One Fingerprinter per call: it is not thread-safe.
            return decide(secret, listed.get(secret.name()), new Fingerprinter(store.id()), metadataDigest);
        });
        List<Problem> conflicts = new ArrayList<>();
        List<String> notes = new ArrayList<>(desired.notes());
        for (Decision decision : decisions) {
            actions.addAll(decision.actions());
            if (decision.conflict() != null) {
                conflicts.add(decision.conflict());
            }
            if (decision.note() != null) {
                notes.add(decision.note());
            }
        }
        if (pruneNeedsListing) {
            new Pruning(store.id(), policy.ownership()).plan(desired, listed, conflicts, actions, notes);
        }
        actions.sort(Comparator.comparing(PlannedAction::name));
        return new Plan(store.id(), actions, desired.problems(), conflicts, notes);
    }

    /**
     * What the memory knows of a secret: its value and metadata confirmed within the drift-check interval (settled),
     * this config's metadata confirmed on it but the value differing or due for a check (owned), or nothing.
     */
    private enum Memory { SETTLED, OWNED, UNKNOWN }

    private Memory memoryOf(DesiredSecret secret, String metadataDigest) {
        Optional<KnownValues.Known> entry = known.get(store.id(), secret.name());
        if (entry.isEmpty() || !metadataDigest.equals(entry.get().metadataDigest())) {
            return Memory.UNKNOWN;
        }
        KnownValues.Known k = entry.get();
        boolean matches = secret.disabled() ? k.state() != VersionState.ENABLED
                : k.state() == VersionState.ENABLED && k.sha256() != null && k.sha256().equals(secret.value().sha256());
        return matches && !known.driftCheckDue(k, policy.driftCheckInterval()) ? Memory.SETTLED : Memory.OWNED;
    }

    /**
     * Decides a secret the memory vouches for from one access of its newest version; null when that is not enough
     * (a new version under a retention policy needs the secret's annotations).
     */
    private List<PlannedAction> decideKnown(DesiredSecret secret, Fingerprinter fingerprinter) throws StoreException {
        LatestVersion latest = store.accessLatest(secret.name());
        if (latest instanceof LatestVersion.None) {
            // No version, or no secret any more (deleted by hand): only the listing tells which.
            return secret.disabled() ? List.of(action(ActionKind.UNCHANGED, secret, "disabled entry, no version", 0,
                    fingerprinter)) : null;
        }
        List<PlannedAction> actions = versionActions(secret, latest, ADOPTION_UNKNOWN, fingerprinter);
        boolean retires = policy.retention() != null
                && actions.stream().anyMatch(a -> a.kind() == ActionKind.ADD_VERSION);
        return retires ? null : actions;
    }

    private Decision decide(DesiredSecret secret, StoredSecret stored, Fingerprinter fingerprinter,
            String metadataDigest) throws StoreException {
        if (stored == null) {
            if (secret.disabled()) {
                known.confirmedAbsent(store.id(), secret.name(), metadataDigest);
                return Decision.of(action(ActionKind.UNCHANGED, secret, "disabled entry, not in the store", 0,
                        fingerprinter));
            }
            PlannedAction create = new PlannedAction(ActionKind.CREATE, secret.name(), secret, "not in the store", 0,
                    fingerprinter.fingerprint(secret.name(), secret.value()),
                    policy.forNewSecret(), false);
            return Decision.of(create);
        }
        Ownership.Claim claim = policy.ownership().claim(stored);
        if (claim == Ownership.Claim.OTHER_CONFIG) {
            return new Decision(List.of(), new Problem(secret.name(), Conditions.REASON_OWNERSHIP_CONFLICT + ": the secret belongs to "
                    + "config " + Ownership.ownerNamedBy(stored) + "; two configs cannot publish the same secret"),
                    null);
        }
        if (claim == Ownership.Claim.NOT_MANAGED && !policy.adopt()) {
            return new Decision(List.of(), new Problem(secret.name(), Conditions.REASON_OWNERSHIP_CONFLICT + ": the secret exists and is "
                    + "not managed by this controller; set adoptionPolicy: Adopt to take it over"), null);
        }
        List<PlannedAction> actions = new ArrayList<>();
        LatestVersion latest = store.accessLatest(secret.name());
        long adoptedAt = adoptedVersion(stored);
        if (claim == Ownership.Claim.NOT_MANAGED) {
            adoptedAt = latestNumber(latest);
            actions.add(new PlannedAction(ActionKind.ADOPT, secret.name(), secret, "exists, managed by no config; "
                    + "versions up to " + adoptedAt + " stay as they are", 0, fingerprinter.fingerprint(secret.name(),
                    secret.value()), mergedMetadata(stored, Map.of(ADOPTED_VERSION, Long.toString(adoptedAt))), false));
        }
        PlannedAction.Metadata merged = mergedMetadata(stored, Map.of());
        boolean metadataInStep = claim != Ownership.Claim.NOT_MANAGED && merged.labels().equals(stored.labels())
                && merged.annotations().equals(stored.annotations());
        if (claim != Ownership.Claim.NOT_MANAGED && !metadataInStep) {
            actions.add(new PlannedAction(ActionKind.UPDATE_METADATA, secret.name(), secret,
                    "labels or annotations differ from the config's", 0,
                    fingerprinter.fingerprint(secret.name(), secret.value()), merged, false));
        }
        actions.addAll(versionActions(secret, latest, adoptedAt, fingerprinter));
        if (metadataInStep) {
            known.metadataConfirmed(store.id(), secret.name(), metadataDigest);
        }
        String note = replicationNote(secret.name(), stored.replication());
        return new Decision(actions, null, note);
    }

    private PlannedAction.Metadata mergedMetadata(StoredSecret stored, Map<String, String> extraAnnotations) {
        return policy.merged(stored.labels(), stored.annotations(), stored.etag(), extraAnnotations);
    }

    private List<PlannedAction> versionActions(DesiredSecret secret, LatestVersion latest, long adoptedAt,
            Fingerprinter fingerprinter) throws StoreException {
        Optional<KnownValues.Known> remembered = known.get(store.id(), secret.name());
        if (latest instanceof LatestVersion.None) {
            if (secret.disabled()) {
                return List.of(action(ActionKind.UNCHANGED, secret, "disabled entry, no version", 0, fingerprinter));
            }
            return withRetention(action(ActionKind.ADD_VERSION, secret, "the secret has no version", 0, fingerprinter),
                    secret, adoptedAt);
        }
        if (latest instanceof LatestVersion.Readable readable) {
            long number = readable.number();
            String storedSha = readable.value().sha256();
            known.confirmed(store.id(), secret.name(), number, VersionState.ENABLED, storedSha);
            if (secret.disabled()) {
                return List.of(action(ActionKind.DISABLE, secret, "entry is disabled in the source", number,
                        fingerprinter));
            }
            if (sameDigest(storedSha, secret.value().sha256())) {
                return List.of(action(ActionKind.UNCHANGED, secret, "version " + number + " holds this value", 0,
                        fingerprinter));
            }
            boolean drift = remembered.isPresent() && remembered.get().version() != number
                    && sameDigest(remembered.get().sha256(), secret.value().sha256());
            if (!policy.triggerUpdate()) {
                return List.of(new PlannedAction(ActionKind.UNCHANGED, secret.name(), secret, "value differs from "
                        + "version " + number + "; not updated (triggerUpdate: false)", 0,
                        fingerprinter.fingerprint(secret.name(), secret.value()), null, true));
            }
            String reason = drift ? "drift: version " + number + " was added outside this controller"
                    : "value differs from version " + number;
            PlannedAction add = new PlannedAction(ActionKind.ADD_VERSION, secret.name(), secret, reason, 0,
                    fingerprinter.fingerprint(secret.name(), secret.value()), null, drift);
            return withRetention(add, secret, adoptedAt);
        }
        LatestVersion.Unreadable unreadable = (LatestVersion.Unreadable) latest;
        long number = unreadable.number();
        String state = unreadable.state().name().toLowerCase(Locale.ROOT);
        if (secret.disabled()) {
            known.confirmed(store.id(), secret.name(), number, unreadable.state(),
                    unreadable.sha256().or(() -> remembered.filter(k -> k.version() == number)
                            .map(KnownValues.Known::sha256)).orElse(null));
            return List.of(action(ActionKind.UNCHANGED, secret, "version " + number + " is " + state, 0,
                    fingerprinter));
        }
        Optional<String> sha = unreadable.sha256().or(() -> remembered
                .filter(k -> k.version() == number).map(KnownValues.Known::sha256));
        if (unreadable.state() == VersionState.DISABLED && sha.isPresent()
                && sameDigest(sha.get(), secret.value().sha256())) {
            return List.of(action(ActionKind.ENABLE, secret, "version " + number + " holds this value but is disabled",
                    number, fingerprinter));
        }
        if (!policy.triggerUpdate()) {
            return List.of(new PlannedAction(ActionKind.UNCHANGED, secret.name(), secret, "version " + number
                    + " is " + state + "; not updated (triggerUpdate: false)", 0,
                    fingerprinter.fingerprint(secret.name(), secret.value()), null, true));
        }
        String reason = sha.isPresent() ? "version " + number + " is " + state + " and holds another value"
                : "version " + number + " is " + state + " and cannot be compared";
        return withRetention(action(ActionKind.ADD_VERSION, secret, reason, 0, fingerprinter), secret, adoptedAt);
    }

    /** The add-version, then the versions that fall out of the retention's count once it is added. */
    private List<PlannedAction> withRetention(PlannedAction add, DesiredSecret secret, long adoptedAt)
            throws StoreException {
        if (policy.retention() == null || adoptedAt == ADOPTION_UNKNOWN) {
            return List.of(add);
        }
        List<PlannedAction> actions = new ArrayList<>();
        actions.add(add);
        actions.addAll(RetentionRule.retired(policy.retention(), secret, store.versions(secret.name()), adoptedAt));
        return actions;
    }

    /** Every secret the owner has in the store, to delete: a config deleted under {@code deletionPolicy: Delete}. */
    public Plan planRemoval() throws StoreException {
        List<PlannedAction> actions = new ArrayList<>();
        SecretSelection owned = policy.ownership().withOwned(SecretSelection.named(Set.of()));
        for (StoredSecret stored : store.list(owned).values()) {
            if (policy.ownership().owns(stored)) {
                actions.add(Pruning.delete(stored, "its config was deleted"));
            }
        }
        actions.sort(Comparator.comparing(PlannedAction::name));
        return new Plan(store.id(), actions, List.of(), List.of(), List.of());
    }

    private String replicationNote(String name, Replication stored) {
        if (sameReplication(stored, policy.replication())) {
            return null;
        }
        return "secret " + name + ": its replication differs from the config's; Secret Manager cannot change "
                + "replication after creation, so it stays (recreate the secret to apply the config's)";
    }

    /** Unset and automatic-without-key are the same policy. */
    static boolean sameReplication(Replication a, Replication b) {
        return Objects.equals(normal(a), normal(b));
    }

    private static Replication normal(Replication replication) {
        if (replication == null) {
            return new Replication(new Replication.Automatic(null), null);
        }
        return replication;
    }

    private static long adoptedVersion(StoredSecret stored) {
        String value = stored.annotations().get(ADOPTED_VERSION);
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unreadable bookkeeping: touch no old version rather than the wrong ones
        }
    }

    private static long latestNumber(LatestVersion latest) {
        if (latest instanceof LatestVersion.Readable r) {
            return r.number();
        }
        if (latest instanceof LatestVersion.Unreadable u) {
            return u.number();
        }
        return 0;
    }

    private static PlannedAction action(ActionKind kind, DesiredSecret secret, String reason, long version,
            Fingerprinter fingerprinter) {
        return new PlannedAction(kind, secret.name(), secret, reason, version,
                fingerprinter.fingerprint(secret.name(), secret.value()), null, false);
    }

    private static boolean sameDigest(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
