package io.smc.kube.config;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the configuration kubectl would use and turns it into a {@link ClusterConnection}. The search, in order:
 * the explicit kubeconfig; else the files of {@code KUBECONFIG} (separated by {@code :}, missing ones skipped,
 * merged); else {@code ~/.kube/config}; else, when those define nothing, the in-cluster service account.
 */
public final class KubeConfigLoader {
    private static final String KUBECONFIG = "KUBECONFIG";

    /**
     * @throws ConfigException nothing usable was found (the message lists what was tried), or what was found is
     *                         malformed or unsupported (the message names the file and field)
     */
    public ClusterConnection load(LoadOptions options) throws ConfigException {
        if (options.kubeconfig() != null) {
            Path file = options.kubeconfig();
            if (!Files.exists(file)) {
                throw new ConfigException(file + ": the kubeconfig given does not exist");
            }
            return ContextConnection.connect(KubeConfigFile.read(file), options);
        }
        List<String> tried = new ArrayList<>();
        String variable = options.environment().get(KUBECONFIG);
        if (variable != null && !variable.isEmpty()) {
            List<KubeConfig> configs = new ArrayList<>();
            for (Path file : files(variable)) {
                if (Files.exists(file)) {
                    configs.add(KubeConfigFile.read(file));
                }
            }
            KubeConfig merged = KubeConfig.merge(configs);
            if (!merged.isEmpty() || (!configs.isEmpty() && options.context() != null)) {
                return ContextConnection.connect(merged, options);
            }
            tried.add(KUBECONFIG + "=" + variable + (configs.isEmpty() ? " (no such file)" : " (defines nothing)"));
        } else if (options.home() != null) {
            Path file = options.home().resolve(".kube").resolve("config");
            if (Files.exists(file)) {
                KubeConfig config = KubeConfigFile.read(file);
                if (!config.isEmpty() || options.context() != null) {
                    return ContextConnection.connect(config, options);
                }
            }
            tried.add(file + (Files.exists(file) ? " (defines nothing)" : " (no such file)"));
        } else {
            tried.add("~/.kube/config (no home directory given)");
        }
        Optional<String> notInCluster = InClusterConfig.unavailable(options);
        if (notInCluster.isPresent()) {
            tried.add("in-cluster service account (" + notInCluster.get() + ")");
            throw new ConfigException("no Kubernetes configuration found; tried " + String.join("; ", tried));
        }
        if (options.context() != null) {
            throw new ConfigException("context '" + options.context() + "' was asked for but no kubeconfig was"
                    + " found (tried " + String.join("; ", tried) + "); the in-cluster configuration has no contexts");
        }
        return InClusterConfig.load(options);
    }

    /** The files of {@code KUBECONFIG}, each once, in order; empty entries are skipped as kubectl skips them. */
    private static Set<Path> files(String variable) {
        Set<Path> files = new LinkedHashSet<>();
        for (String entry : variable.split(":")) {
            if (!entry.isEmpty()) {
                files.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return files;
    }
}
