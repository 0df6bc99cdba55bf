package io.smc.cli;

import io.smc.kube.ClusterConnection;
import io.smc.kube.KubeException;
import io.smc.kube.config.KubeConfigLoader;
import io.smc.kube.config.LoadOptions;
import io.smc.kube.http.ClientOptions;
import io.smc.kube.http.HttpKubeClient;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;
import io.smc.source.flux.ArtifactCache;
import io.smc.source.flux.ArtifactDownloader;
import io.smc.source.flux.FluxSources;
import io.smc.source.flux.SourceReference;
import io.smc.source.flux.TarGzUnpacker;
import java.nio.file.Path;

/**
 * {@code --source flux:Kind/namespace/name}: fetches the source's current revision exactly as the controller does
 * (same reader, downloader, unpacker and cache), through the kubeconfig's cluster.
 */
record FluxSourceOption(SourceReference ref, Path kubeconfig, String context, Path cacheDir) {
    static final String PREFIX = "flux:";

    static Path defaultCacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), Main.PROGRAM + "-artifacts");
    }

    static FluxSourceOption parse(String source, Path kubeconfig, String context, Path cacheDir)
            throws UsageException {
        try {
            return new FluxSourceOption(SourceReference.parse(source.substring(PREFIX.length())), kubeconfig, context,
                    cacheDir);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--source " + source + ": " + e.getMessage());
        }
    }

    Artifact fetch(Terminal terminal) throws CommandFailure {
        LoadOptions load = LoadOptions.of(System.getenv(), Path.of(System.getProperty("user.home")))
                .withWarnings(warning -> terminal.err().println("warning: " + warning));
        if (kubeconfig != null) {
            load = load.withKubeconfig(kubeconfig);
        }
        if (context != null) {
            load = load.withContext(context);
        }
        try {
            ClusterConnection connection = new KubeConfigLoader().load(load);
            ArtifactCache cache = ArtifactCache.create(cacheDir,
                    FluxSources.using(HttpKubeClient.create(connection, ClientOptions.defaults())),
                    ArtifactDownloader.create(System.getenv()), TarGzUnpacker.create(), ArtifactCache.DEFAULT_KEEP);
            return cache.fetch(ref);
        } catch (KubeException | SourceException e) {
            throw new CommandFailure(e.getMessage());
        } catch (SourceNotReadyException e) {
            throw new CommandFailure("source not ready: " + e.getMessage());
        }
    }
}
