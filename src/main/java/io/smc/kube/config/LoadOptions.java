package io.smc.kube.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@link KubeConfigLoader} looks at. Everything the process would otherwise take from its surroundings (the
 * environment, the home directory, the clock) is passed in, so tests and embedders decide what the loader sees.
 *
 * @param kubeconfig    an explicit kubeconfig file (as {@code --kubeconfig}), or null to search
 * @param context       the context to use instead of the file's {@code current-context}, or null
 * @param environment   the environment: {@code KUBECONFIG}, the in-cluster variables, and the base environment of
 *                      exec credential plugins (including the {@code PATH} they are looked up on)
 * @param home          the user's home directory, for {@code ~/.kube/config}; null to skip it
 * @param inClusterRoot where the service account's {@code token}, {@code ca.crt} and {@code namespace} are mounted
 * @param clock         for token expiry and token file re-reads
 * @param warnings      where warnings go (such as an insecure cluster); never given token or key text
 * @param execTimeout   how long an exec credential plugin may run
 */
public record LoadOptions(Path kubeconfig, String context, Map<String, String> environment, Path home,
        Path inClusterRoot, Clock clock, Consumer<String> warnings, Duration execTimeout) {
    public static final Path IN_CLUSTER_ROOT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    public static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

    public LoadOptions {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(inClusterRoot, "inClusterRoot");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(warnings, "warnings");
        if (execTimeout.isNegative() || execTimeout.isZero()) {
            throw new IllegalArgumentException("execTimeout must be positive");
        }
    }

    /** The search kubectl does, with the standard mount point, the system clock and warnings dropped. */
    public static LoadOptions of(Map<String, String> environment, Path home) {
        return new LoadOptions(null, null, environment, home, IN_CLUSTER_ROOT, Clock.systemUTC(), warning -> { },
                EXEC_TIMEOUT);
    }

    public LoadOptions withKubeconfig(Path file) {
        return new LoadOptions(file, context, environment, home, inClusterRoot, clock, warnings, execTimeout);
    }

    public LoadOptions withContext(String name) {
        return new LoadOptions(kubeconfig, name, environment, home, inClusterRoot, clock, warnings, execTimeout);
    }

    public LoadOptions withInClusterRoot(Path root) {
        return new LoadOptions(kubeconfig, context, environment, home, root, clock, warnings, execTimeout);
    }

    public LoadOptions withClock(Clock newClock) {
        return new LoadOptions(kubeconfig, context, environment, home, inClusterRoot, newClock, warnings, execTimeout);
    }

    public LoadOptions withWarnings(Consumer<String> sink) {
        return new LoadOptions(kubeconfig, context, environment, home, inClusterRoot, clock, sink, execTimeout);
    }

    public LoadOptions withExecTimeout(Duration timeout) {
        return new LoadOptions(kubeconfig, context, environment, home, inClusterRoot, clock, warnings, timeout);
    }

    /** Leaves the environment out: it may hold credentials of other tools. */
    @Override
    public String toString() {
        return "LoadOptions[kubeconfig=" + kubeconfig + ", context=" + context + ", home=" + home
                + ", inClusterRoot=" + inClusterRoot + ", execTimeout=" + execTimeout + "]";
    }
}
