package io.smc.plan;

import io.smc.provider.SecretSelection;
import io.smc.provider.StoredSecret;
import io.smc.secrets.SecretValue;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which config a secret belongs to, told by three labels: {@code managed-by=secret-manager-controller},
 * {@code smc-namespace} and {@code smc-name}. The labels follow Secret Manager's rules (lowercase letters, digits,
 * {@code _} and {@code -}, at most 63 characters), so a namespace or name that breaks them is sanitised; one longer
 * than 63 characters keeps its first 54 and a hash, so two long names never share a label.
 */
public final class Ownership {
    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGER = "secret-manager-controller";
    public static final String NAMESPACE = "smc-namespace";
    public static final String NAME = "smc-name";
    private static final int MAX_LABEL = 63;

    private final String namespace;
    private final String name;
    private final Map<String, String> labels;

    private Ownership(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
        Map<String, String> owner = new LinkedHashMap<>();
        owner.put(MANAGED_BY, MANAGER);
        owner.put(NAMESPACE, labelValue(namespace));
        owner.put(NAME, labelValue(name));
        this.labels = Map.copyOf(owner);
    }

    /** The owner of the secrets published for the config {@code namespace/name}. */
    public static Ownership of(String namespace, String name) {
        return new Ownership(namespace, name);
    }

    /** How a stored secret relates to this owner. */
    public enum Claim {
        /** Carries this owner's labels. */
        OURS,
        /** Carries {@code managed-by} only: published before the owner labels existed; claimed on the next write. */
        OURS_UNLABELLED,
        /** Managed by this controller for another config. */
        OTHER_CONFIG,
        /** Not managed by this controller: created by hand, by Terraform, by another tool. */
        NOT_MANAGED
    }

    public Claim claim(StoredSecret secret) {
        Map<String, String> stored = secret.labels();
        if (!MANAGER.equals(stored.get(MANAGED_BY))) {
            return Claim.NOT_MANAGED;
        }
        if (!stored.containsKey(NAMESPACE) && !stored.containsKey(NAME)) {
            return Claim.OURS_UNLABELLED;
        }
        return labels.get(NAMESPACE).equals(stored.get(NAMESPACE)) && labels.get(NAME).equals(stored.get(NAME))
                ? Claim.OURS : Claim.OTHER_CONFIG;
    }

    /** Whether the secret carries exactly this owner's labels: the only secrets a prune may delete. */
    public boolean owns(StoredSecret secret) {
        return claim(secret) == Claim.OURS;
    }

    /** The owner a secret's labels name, for messages: {@code namespace/name} as the labels have it. */
    public static String ownerNamedBy(StoredSecret secret) {
        return secret.labels().getOrDefault(NAMESPACE, "?") + "/" + secret.labels().getOrDefault(NAME, "?");
    }

    /**
     * {@code selection} and every secret that may be this owner's: those with its name label, whatever their
     * namespace label ({@link #owns} tells for sure), so that a store's filter needs no conjunction.
     */
    public SecretSelection withOwned(SecretSelection selection) {
        return selection.orLabelled(NAME, labels.get(NAME));
    }

    public Map<String, String> labels() {
        return labels;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    /** A string made into a valid label value: lowercase, only {@code [a-z0-9_-]}, at most 63 characters. */
    public static String labelValue(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (char c : raw.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(allowed ? c : '_');
        }
        if (out.length() <= MAX_LABEL) {
            return out.toString();
        }
        return out.substring(0, MAX_LABEL - 9) + "-" + shortHash(raw);
    }

    private static String shortHash(String raw) {
        return SecretValue.ofUtf8(raw).sha256().substring(0, 8);
    }
}
