package io.smc.cli;

import io.smc.kube.ClusterConnection;
import io.smc.kube.ConfigException;
import io.smc.kube.config.KubeConfigLoader;
import io.smc.kube.config.LoadOptions;
import java.nio.file.Path;

/** Loads the cluster connection of the command line's {@code --kubeconfig} and {@code --context}, as kubectl would. */
final class KubeConnection {
    private KubeConnection() {
    }

    static ClusterConnection load(Path kubeconfig, String context, Terminal terminal) throws ConfigException {
        LoadOptions load = LoadOptions.of(System.getenv(), Path.of(System.getProperty("user.home")))
                .withWarnings(warning -> terminal.err().println("warning: " + warning));
        if (kubeconfig != null) {
            load = load.withKubeconfig(kubeconfig);
        }
        if (context != null) {
            load = load.withContext(context);
        }
        return new KubeConfigLoader().load(load);
    }
}
