package io.smc.reconcile;

import io.smc.api.SecretManagerConfig;
import io.smc.api.SourceRef;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import io.smc.source.argocd.ArgoCdSource;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.SourceReference;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Flux sources through the artifact cache, Argo CD Applications through a git checkout, as the API server has them.
 * The cache and the checkout are asked for when first needed, so the controller can make them lazily.
 */
public final class ClusterSources implements ConfigSources {
    private final FluxSources flux;
    private final Supplier<ArtifactCache> artifacts;
    private final Supplier<ArgoCdSource> argo;

    public ClusterSources(FluxSources flux, Supplier<ArtifactCache> artifacts, Supplier<ArgoCdSource> argo) {
        this.flux = Objects.requireNonNull(flux, "flux");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.argo = Objects.requireNonNull(argo, "argo");
    }

    @Override
    public Artifact fetch(SecretManagerConfig config, String namespace)
            throws SourceNotReadyException, SourceException {
        SourceRef ref = config.spec().sourceRef();
        if (ref.kind() == SourceRef.SourceKind.Application) {
            String applicationNamespace = ref.namespace() == null || ref.namespace().isEmpty() ? namespace
                    : ref.namespace();
            return argo.get().fetch(applicationNamespace, ref.name(), null,
                    ref.gitCredentials() == null ? null : ref.gitCredentials().name());
        }
        return artifacts.get().fetch(SourceReference.of(ref, namespace));
    }

    @Override
    public boolean suspendGitPulls(SecretManagerConfig config, String namespace, boolean suspend)
            throws SourceNotReadyException, SourceException {
        SourceRef ref = config.spec().sourceRef();
        if (ref.kind() != null && ref.kind() != SourceRef.SourceKind.GitRepository) {
            return false;
        }
        SourceReference source = SourceReference.of(ref, namespace);
        return flux.suspendGitPulls(source.namespace(), source.name(), suspend);
    }
}
