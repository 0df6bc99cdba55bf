package io.smc.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.Durations;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.reconcile.ConfigReconciler;
import io.smc.runtime.WatchedKinds;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reconcile}: asks the controller to reconcile a config now and waits for the outcome. Every manual reconcile
 * is already a drift check (the controller reads each secret's value from the store), so {@code --force} asks for
 * nothing more of the controller: it is accepted for the seed CLI's scripts. It never overrides a suspend.
 */
final class ReconcileCommand implements Command {
    /** Flux's trigger, set on a Flux source with {@code --with-source}. */
    static final String FLUX_REQUEST = "reconcile.fluxcd.io/requestedAt";
    /** Argo CD's: asks the application controller to compare with Git again now. */
    static final String ARGOCD_REFRESH = "argocd.argoproj.io/refresh";

    private final ReconcileWait wait;

    ReconcileCommand(ReconcileWait wait) {
        this.wait = wait;
    }

    @Override
    public String name() {
        return "reconcile";
    }

    @Override
    public String summary() {
        return "reconcile a config now and wait for the outcome (exit 0 Ready, 1 failed, 124 timeout)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " reconcile NAME [-n NS] [--with-source] [--force] [--timeout 2m]\n\n"
                + "Sets the annotation secret-management.microscaler.io/reconcile to the time now, then waits until\n"
                + "the controller records it in status.lastHandledReconcileAt, and prints the outcome. A manual\n"
                + "reconcile reads every secret's value from the store: it is a drift check (one access per secret).\n"
                + "A suspended config is refused: resume it first.\n\n"
                + "Options:\n" + ClusterArgs.HELP
                + "  --with-source       first ask the source to fetch again: reconcile.fluxcd.io/requestedAt on a\n"
                + "                      Flux source (waiting for it to be handled), argocd.argoproj.io/refresh on an\n"
                + "                      Argo CD Application\n"
                + "  --force             the seed CLI's drift check: every manual reconcile is one, so nothing more\n"
                + "  --timeout D         how long to wait (default: 2m)\n"
                + "Exit code: 0 Ready, 1 not Ready (the reason is printed) or an error, 124 not handled in time.\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of("--timeout"), Set.of("--with-source", "--force"));
        String name = cli.name("reconcile");
        Duration timeout = ReconcileWait.timeout(cli.options());
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            ConfigView config = new ConfigView(cluster.config("reconcile", name));
            if (config.suspended()) {
                throw new CommandFailure("reconcile SecretManagerConfig " + cluster.namespace() + "/" + name
                        + ": it is suspended; `" + Main.PROGRAM + " resume " + name + "` reconciles it");
            }
            String value = wait.requestValue();
            if (cli.options().has("--with-source") && !requestSource(cluster, config, value, timeout, terminal)) {
                return ExitCodes.TIMEOUT;
            }
            try {
                cluster.api().patch(WatchedKinds.CONFIGS, cluster.namespace(), name, PatchType.MERGE,
                        ReconcileWait.requestPatch(value), null, false, null);
            } catch (KubeException e) {
                throw cluster.failure("reconcile", name, e);
            }
            terminal.err().println("annotated SecretManagerConfig " + cluster.namespace() + "/" + name + " with "
                    + ConfigReconciler.RECONCILE_REQUEST + "=" + value);
            return wait.await(cluster, name, value, timeout, terminal, "reconcile");
        }
    }

    /**
     * Asks the source to fetch now; for a Flux source, waits until it has (its own lastHandledReconcileAt). False when
     * the wait timed out.
     */
    private boolean requestSource(Cluster cluster, ConfigView config, String value, Duration timeout,
            Terminal terminal) throws CommandFailure, InterruptedException {
        SourceLookup.Found source = SourceLookup.of(config.object());
        try {
            Optional<SourceLookup.ReadSource> read = source.read(cluster);
            if (read.isEmpty()) {
                throw new CommandFailure("reconcile --with-source: " + source.describe() + " not found");
            }
            ObjectNode patch = JsonNodeFactory.instance.objectNode();
            ObjectNode annotations = patch.putObject("metadata").putObject("annotations");
            if (source.flux()) {
                annotations.put(FLUX_REQUEST, value);
            } else {
                annotations.put(ARGOCD_REFRESH, "normal");
            }
            cluster.api().patch(read.get().type(), source.namespace(), source.name(), PatchType.MERGE, patch, null,
                    false, null);
            terminal.err().println("asked " + source.describe() + " to fetch again");
            return !source.flux() || awaitSource(cluster, source, read.get(), value, timeout, terminal);
        } catch (KubeException e) {
            throw new CommandFailure("reconcile --with-source: " + source.describe() + ": " + e.getMessage());
        }
    }

    private boolean awaitSource(Cluster cluster, SourceLookup.Found source, SourceLookup.ReadSource read, String value,
            Duration timeout, Terminal terminal) throws KubeException, CommandFailure, InterruptedException {
        Instant deadline = wait.clock().instant().plus(timeout);
        while (true) {
            ObjectNode object = cluster.api().get(read.type(), source.namespace(), source.name());
            if (value.equals(object.path("status").path("lastHandledReconcileAt").asText(null))) {
                terminal.err().println(source.describe() + ": " + DescribeCommand.readyLine(object));
                return true;
            }
            if (!wait.clock().instant().isBefore(deadline)) {
                terminal.err().println("error: reconcile --with-source: " + source.describe() + " did not handle the "
                        + "request within " + Durations.format(timeout) + " (is Flux's source-controller "
                        + "running?)");
                return false;
            }
            wait.sleeper().sleep(ReconcileWait.POLL);
        }
    }
}
