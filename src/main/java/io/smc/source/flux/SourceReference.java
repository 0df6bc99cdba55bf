package io.smc.source.flux;

import io.smc.api.SourceRef;
import io.smc.kube.ResourceType;
import java.util.Objects;

/**
 * A Flux source an artifact comes from: kind, namespace and name. Parsed from {@code Kind/namespace/name} on the
 * command line, or taken from a SecretManagerConfig's {@code spec.sourceRef}.
 */
public record SourceReference(Kind kind, String namespace, String name) {
    /** The Flux source kinds that publish artifacts, with their REST plurals. */
    public enum Kind {
        GitRepository("gitrepositories"), OCIRepository("ocirepositories"), Bucket("buckets");

        private final String plural;

        Kind(String plural) {
            this.plural = plural;
        }

        /** The kind at {@code version} of {@code source.toolkit.fluxcd.io}. */
        public ResourceType type(String version) {
            return new ResourceType(FluxSources.GROUP, version, plural, name(), true);
        }
    }

    public SourceReference {
        Objects.requireNonNull(kind, "kind");
        if (namespace == null || namespace.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a Flux source needs a namespace and a name");
        }
    }

    /** {@code GitRepository/flux-system/apps}. */
    public static SourceReference parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new IllegalArgumentException("a Flux source is Kind/namespace/name, not '" + text + "'");
        }
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(parts[0])) {
                return new SourceReference(kind, parts[1], parts[2]);
            }
        }
        throw new IllegalArgumentException("a Flux source kind is GitRepository, OCIRepository or Bucket, not '"
                + parts[0] + "'");
    }

    /** A config's {@code spec.sourceRef}; the namespace defaults to the config's own. */
    public static SourceReference of(SourceRef ref, String configNamespace) {
        SourceRef.SourceKind kind = ref.kind() == null ? SourceRef.SourceKind.GitRepository : ref.kind();
        if (kind == SourceRef.SourceKind.Application) {
            throw new IllegalArgumentException("an Argo CD Application is not a Flux source");
        }
        String namespace = ref.namespace() == null || ref.namespace().isEmpty() ? configNamespace : ref.namespace();
        return new SourceReference(Kind.valueOf(kind.name()), namespace, ref.name());
    }

    @Override
    public String toString() {
        return kind + "/" + namespace + "/" + name;
    }
}
