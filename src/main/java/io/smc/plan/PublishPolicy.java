package io.smc.plan;

import io.smc.api.GcpProvider;
import io.smc.api.ObjectMeta;
import io.smc.api.Replication;
import io.smc.api.SecretManagerConfig;
import io.smc.api.SecretManagerConfigSpec;
import io.smc.api.VersionRetention;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one config publishes: whose secrets they are, what metadata they carry and which changes are allowed.
 *
 * @param labels             labels besides the owner's, merged into every secret's labels
 * @param annotations        annotations merged into every secret's annotations
 * @param replication        for new global secrets; null means automatic
 * @param triggerUpdate      add a version when the value differs; false only creates missing secrets
 * @param adopt              take over existing secrets that no config manages
 * @param prune              delete owned secrets whose keys left the source
 * @param retention          how many versions to keep, or null to keep all
 * @param driftCheckInterval how long a value confirmed in the store is trusted without reading it again;
 *                           {@link Duration#ZERO} trusts it until the process restarts
 */
public record PublishPolicy(Ownership ownership, Map<String, String> labels, Map<String, String> annotations,
        Replication replication, boolean triggerUpdate, boolean adopt, boolean prune, Retention retention,
        Duration driftCheckInterval) {
    public static final Duration DEFAULT_DRIFT_CHECK_INTERVAL = Duration.ofHours(1);

    public PublishPolicy {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** The policy of a config that sets nothing but its owner: update values, adopt nothing, delete nothing. */
    public static PublishPolicy defaults(Ownership ownership) {
        return new PublishPolicy(ownership, Map.of(), Map.of(), null, true, false, false, null,
                DEFAULT_DRIFT_CHECK_INTERVAL);
    }

    /**
     * The policy a config asks for. Pruning follows {@code deletionPolicy: Delete}; the command line prunes only
     * when told to, through {@link #withPrune(boolean)}.
     */
    public static PublishPolicy of(SecretManagerConfig config) {
        ObjectMeta metadata = config.metadata();
        String namespace = metadata == null || metadata.namespace() == null ? "default" : metadata.namespace();
        String name = metadata == null || metadata.name() == null ? "unnamed" : metadata.name();
        SecretManagerConfigSpec spec = config.spec();
        GcpProvider gcp = spec.provider() == null ? null : spec.provider().gcp();
        VersionRetention retention = spec.versionRetention();
        return new PublishPolicy(Ownership.of(namespace, name),
                gcp == null || gcp.labels() == null ? Map.of() : gcp.labels(),
                gcp == null || gcp.annotations() == null ? Map.of() : gcp.annotations(),
                gcp == null ? null : gcp.replication(),
                !Boolean.FALSE.equals(spec.triggerUpdate()),
                spec.adoptionPolicy() == SecretManagerConfigSpec.AdoptionPolicy.Adopt,
                spec.deletionPolicy() == SecretManagerConfigSpec.DeletionPolicy.Delete,
                retention == null ? null : new Retention(retention.keep(),
                        retention.action() == VersionRetention.Action.Destroy),
                spec.driftCheckInterval() == null ? DEFAULT_DRIFT_CHECK_INTERVAL : spec.driftCheckInterval());
    }

    public PublishPolicy withPrune(boolean newPrune) {
        return new PublishPolicy(ownership, labels, annotations, replication, triggerUpdate, adopt, newPrune,
                retention, driftCheckInterval);
    }

    /**
     * A secret's labels with this config's merged in: the owner's and the config's labels win over what the secret
     * has, and labels someone else put on the secret stay.
     */
    public Map<String, String> mergedLabels(Map<String, String> existing) {
        Map<String, String> merged = new TreeMap<>(existing);
        merged.putAll(labels);
        merged.putAll(ownership.labels());
        return merged;
    }

    /** A secret's annotations with this config's merged in, plus {@code extra} (bookkeeping of the controller). */
    public Map<String, String> mergedAnnotations(Map<String, String> existing, Map<String, String> extra) {
        Map<String, String> merged = new TreeMap<>(existing);
        merged.putAll(annotations);
        merged.putAll(extra);
        return merged;
    }

    /** A digest of the metadata this config puts on each secret, to remember that a secret carries it. */
    public String metadataDigest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("labels" + new TreeMap<>(mergedLabels(Map.of())) + "annotations"
                    + new TreeMap<>(annotations)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Versions beyond the newest {@code keep} are disabled, or destroyed when {@code destroy}. */
    public record Retention(int keep, boolean destroy) {
        public Retention {
            if (keep < 1) {
                throw new IllegalArgumentException("retention keeps at least one version");
            }
        }
    }
}
