package io.smc.runtime;

import io.smc.api.SecretManagerConfig;
import io.smc.kube.ResourceType;
import java.util.List;

/**
 * The kinds the controller caches: its own configs, which must be installed, and the sources configs may point at,
 * which may not be (a cluster without Flux or without Argo CD is normal). Each source kind lists the versions it is
 * served at, newest first; the first one discovery lists is the one watched.
 */
public final class WatchedKinds {
    public static final ResourceType CONFIGS = new ResourceType(SecretManagerConfig.GROUP,
            SecretManagerConfig.VERSION, SecretManagerConfig.PLURAL, SecretManagerConfig.KIND, true);

    /** A source kind by its {@code spec.sourceRef.kind} name, with the versions it may be served at. */
    public record SourceKind(String kind, List<ResourceType> versions) {
        public SourceKind {
            versions = List.copyOf(versions);
            if (versions.isEmpty()) {
                throw new IllegalArgumentException(kind + " needs at least one version");
            }
        }
    }

    private static final String FLUX = "source.toolkit.fluxcd.io";

    /** Flux's v1 kinds came with Flux 2.0 (GitRepository), 2.5 (Bucket) and 2.6 (OCIRepository); v1beta2 before. */
    public static final List<SourceKind> SOURCES = List.of(
            flux("GitRepository", "gitrepositories"),
            flux("OCIRepository", "ocirepositories"),
            flux("Bucket", "buckets"),
            new SourceKind("Application", List.of(new ResourceType("argoproj.io", "v1alpha1", "applications",
                    "Application", true))));

    private WatchedKinds() {
    }

    private static SourceKind flux(String kind, String plural) {
        return new SourceKind(kind, List.of(new ResourceType(FLUX, "v1", plural, kind, true),
                new ResourceType(FLUX, "v1beta2", plural, kind, true)));
    }
}
