package io.smc.plan;

import io.smc.api.GcpProvider;
import io.smc.api.ObjectMeta;
import io.smc.api.Replication;
import io.smc.api.SecretManagerConfig;
import io.smc.api.SecretManagerConfigSpec;
import io.smc.api.VersionRetention;
import io.smc.secrets.SecretValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

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
    /** Annotation listing the label keys this config set, so a label removed from the config leaves the secret. */
    public static final String LABEL_KEYS = "smc-labels";
    /** Annotation listing the annotation keys this config set. */
    public static final String ANNOTATION_KEYS = "smc-annotations";

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
     * A secret's labels and annotations with this config's merged in, at {@code etag}. The owner's and the config's
     * keys win; keys someone else put on the secret stay; keys this config set earlier and no longer has are removed,
     * which is why the keys it set are recorded in two annotations ({@value #LABEL_KEYS}, {@value #ANNOTATION_KEYS}).
     *
     * @param extra bookkeeping annotations of the controller, such as the adopted version
     */
    public PlannedAction.Metadata merged(Map<String, String> labels, Map<String, String> annotations, String etag,
            Map<String, String> extra) {
        Map<String, String> newLabels = new TreeMap<>(labels);
        keysListedIn(annotations.get(LABEL_KEYS)).forEach(newLabels::remove);
        newLabels.putAll(this.labels);
        newLabels.putAll(ownership.labels());
        Map<String, String> newAnnotations = new TreeMap<>(annotations);
        keysListedIn(annotations.get(ANNOTATION_KEYS)).forEach(newAnnotations::remove);
        newAnnotations.putAll(this.annotations);
        newAnnotations.putAll(extra);
        record(newAnnotations, LABEL_KEYS, this.labels);
        record(newAnnotations, ANNOTATION_KEYS, this.annotations);
        return new PlannedAction.Metadata(newLabels, newAnnotations, etag);
    }

    /** The metadata of a new secret. */
    public PlannedAction.Metadata forNewSecret() {
        return merged(Map.of(), Map.of(), null, Map.of());
    }

    private static List<String> keysListedIn(String recorded) {
        return recorded == null || recorded.isEmpty() ? List.of() : List.of(recorded.split(","));
    }

    private static void record(Map<String, String> annotations, String key, Map<String, String> set) {
        if (set.isEmpty()) {
            annotations.remove(key);
        } else {
            annotations.put(key, String.join(",", new TreeSet<>(set.keySet())));
        }
    }

    /** A digest of the metadata this config puts on each secret, to remember that a secret carries it. */
    public String metadataDigest() {
        PlannedAction.Metadata metadata = forNewSecret();
        return SecretValue.ofUtf8("labels" + metadata.labels() + "annotations"
                + new TreeMap<>(metadata.annotations())).sha256();
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
