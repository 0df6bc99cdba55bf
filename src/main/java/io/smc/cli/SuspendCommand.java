package io.smc.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.KubeException;
import io.smc.kube.PatchType;
import io.smc.reconcile.ConfigReconciler;
import io.smc.runtime.WatchedKinds;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code suspend}, {@code resume}, {@code suspend-git-pulls} and {@code resume-git-pulls}: one boolean of the spec
 * set with a merge patch, and what changed printed. {@code resume} also asks for a reconcile in the same patch and
 * waits for it, as {@code flux resume} does, so the user sees that the config works again.
 */
final class SuspendCommand implements Command {
    private final String name;
    private final String field;
    private final boolean value;
    private final ReconcileWait wait;

    private SuspendCommand(String name, String field, boolean value, ReconcileWait wait) {
        this.name = name;
        this.field = field;
        this.value = value;
        this.wait = wait;
    }

    static List<Command> all(ReconcileWait wait) {
        return List.of(new SuspendCommand("suspend", "suspend", true, wait),
                new SuspendCommand("resume", "suspend", false, wait),
                new SuspendCommand("suspend-git-pulls", "suspendGitPulls", true, wait),
                new SuspendCommand("resume-git-pulls", "suspendGitPulls", false, wait));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String summary() {
        return switch (name) {
            case "suspend" -> "stop reconciling a config (spec.suspend: true)";
            case "resume" -> "reconcile a suspended config again and wait for the outcome";
            case "suspend-git-pulls" -> "also suspend the config's GitRepository while the config is suspended";
            default -> "leave the config's GitRepository alone while the config is suspended";
        };
    }

    @Override
    public String usage() {
        String text = "Usage: " + Main.PROGRAM + " " + name + " NAME [-n NS]" + (resumes() ? " [--timeout 2m]" : "")
                + "\n\nSets spec." + field + " to " + value + " with a merge patch and prints what changed.\n";
        if (resumes()) {
            text += "Also sets secret-management.microscaler.io/reconcile and waits for the reconcile, as\n"
                    + "'reconcile' does. Exit code: 0 Ready, 1 not Ready or an error, 124 not handled in time.\n";
        } else if (field.equals("suspendGitPulls")) {
            text += "spec.suspendGitPulls: true makes the controller set the Flux GitRepository's spec.suspend while\n"
                    + "the config is suspended (and clear it while it is not); Git is then not polled.\n"
                    + "Exit code: 0 done, 1 error.\n";
        } else {
            text += "A suspended config is not reconciled: nothing is published, nothing is deleted.\n"
                    + "Exit code: 0 done, 1 error.\n";
        }
        return text + "\nOptions:\n" + ClusterArgs.HELP + (resumes() ? "  --timeout D         how long to wait "
                + "(default: 2m)\n" : "");
    }

    private boolean resumes() {
        return name.equals("resume");
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, resumes() ? Set.of("--timeout") : Set.of(), Set.of());
        String config = cli.name(name);
        Duration timeout = ReconcileWait.timeout(cli.options());
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            ConfigView before = new ConfigView(cluster.config(name, config));
            boolean was = before.object().path("spec").path(field).asBoolean(false);
            String where = "SecretManagerConfig " + cluster.namespace() + "/" + config;
            ObjectNode patch = resumes() ? ReconcileWait.requestPatch(wait.requestValue())
                    : JsonNodeFactory.instance.objectNode();
            patch.putObject("spec").put(field, value);
            if (was == value && !resumes()) {
                terminal.out().println(where + ": spec." + field + " is already " + value + ", nothing changed");
                return ExitCodes.OK;
            }
            try {
                cluster.api().patch(WatchedKinds.CONFIGS, cluster.namespace(), config, PatchType.MERGE, patch, null,
                        false, null);
            } catch (KubeException e) {
                throw cluster.failure(name, config, e);
            }
            terminal.out().println(where + ": spec." + field + " " + was + " → " + value);
            if (!resumes()) {
                return ExitCodes.OK;
            }
            String request = patch.path("metadata").path("annotations")
                    .path(ConfigReconciler.RECONCILE_REQUEST).asText();
            return wait.await(cluster, config, request, timeout, terminal, name);
        }
    }
}
