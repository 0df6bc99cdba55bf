package io.smc.cli;

import io.smc.kube.KubeApi;
import io.smc.kube.KubeException;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import io.smc.source.argocd.ArgoCdSource;
import io.smc.source.argocd.RepositoryCredentials;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.ArtifactDownloader;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.SourceReference;
import io.smc.source.flux.TarGzUnpacker;
import java.nio.file.Path;

/**
 * {@code --source flux:Kind/namespace/name} or {@code --source argocd:namespace/name}: fetches the source's current
 * revision exactly as the controller does (same readers, downloader or Git fetcher, unpacker and cache), through the
 * kubeconfig's cluster.
 */
record LiveSourceOption(String source, Path kubeconfig, String context, Path cacheDir) {
    static final String FLUX = "flux:";
    static final String ARGOCD = "argocd:";

    static boolean isLive(String source) {
        return source.startsWith(FLUX) || source.startsWith(ARGOCD);
    }

    static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), Main.PROGRAM + "-artifacts");
    }

    /** Checks the reference's shape now, so a typo is a usage error before any cluster is contacted. */
    static LiveSourceOption parse(String source, Path kubeconfig, String context, Path cacheDir)
            throws UsageException {
        try {
            if (source.startsWith(FLUX)) {
                SourceReference.parse(source.substring(FLUX.length()));
            } else {
                ArgoCdSource.Reference.parse(source);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--source " + source + ": " + e.getMessage());
        }
        return new LiveSourceOption(source, kubeconfig, context, cacheDir);
    }

    Artifact fetch(Terminal terminal) throws CommandFailure {
        try {
            KubeApi api = HttpKubeClient.create(KubeConnection.load(kubeconfig, context, terminal),
                    ClientOptions.defaults());
            if (source.startsWith(FLUX)) {
                ArtifactCache cache = ArtifactCache.create(cacheDir.resolve("flux"), FluxSources.using(api),
                        ArtifactDownloader.create(System.getenv()), TarGzUnpacker.create(), ArtifactCache.DEFAULT_KEEP);
                return cache.fetch(SourceReference.parse(source.substring(FLUX.length())));
            }
            ArgoCdSource.Reference ref = ArgoCdSource.Reference.parse(source);
            return ArgoCdSource.create(api, cacheDir.resolve("argocd"), RepositoryCredentials.DEFAULT_NAMESPACE)
                    .fetch(ref.namespace(), ref.name(), null, null);
        } catch (KubeException | SourceException e) {
            throw new CommandFailure(e.getMessage());
        } catch (SourceNotReadyException e) {
            throw new CommandFailure("source not ready: " + e.getMessage());
        }
    }
}
