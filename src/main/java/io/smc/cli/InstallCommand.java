package io.smc.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code install}: the {@code config/} tree built into this jar — the CRD, the RBAC, the Deployment, its Service —
 * printed ({@code --export}) or server-side applied, as {@code flux install} does. No kubectl or kustomize needed.
 */
final class InstallCommand implements Command {
    /** The field manager of the applied fields, so a later install (or kubectl) sees who set them. */
    static final String FIELD_MANAGER = Main.PROGRAM;

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary() {
        return "install the CRD, RBAC and controller in a cluster, or print them (--export)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " install [--export] [--namespace flux-system] [--dry-run]\n\n"
                + "The manifests of config/ (what `kubectl kustomize config` renders), built into this program:\n"
                + "the SecretManagerConfig CRD, the controller's service account and least-privilege RBAC, its\n"
                + "Deployment and metrics Service. Applied with server-side apply (field manager " + FIELD_MANAGER
                + ",\nconflicts forced), so running it again upgrades in place. The namespace must exist.\n\n"
                + "Options:\n"
                + "  --export            print the manifests as one YAML stream instead of applying them\n"
                + "  -n, --namespace NS  where the controller goes (default: flux-system)\n"
                + "  --dry-run           ask the API server to check everything without storing it (dryRun=All)\n"
                + "  --kubeconfig FILE   the kubeconfig (default: KUBECONFIG, ~/.kube/config, then in-cluster)\n"
                + "  --context NAME      the kubeconfig context (default: the current context)\n"
                + "Exit code: 0 applied (or printed), 1 an object was refused (the others are still applied).\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of(), Set.of("--export", "--dry-run"));
        if (!cli.names().isEmpty()) {
            throw new UsageException("unexpected argument '" + cli.names().get(0) + "'");
        }
        String namespace = cli.namespace() != null ? cli.namespace() : InstallManifests.DEFAULT_NAMESPACE;
        List<ObjectNode> objects = InstallManifests.render(namespace);
        if (cli.options().has("--export")) {
            if (cli.options().has("--dry-run") || cli.kubeconfig() != null || cli.context() != null) {
                throw new UsageException("--export prints and needs no cluster: drop --dry-run, --kubeconfig, "
                        + "--context");
            }
            terminal.out().print(InstallManifests.export(objects));
            return ExitCodes.OK;
        }
        boolean dryRun = cli.options().has("--dry-run");
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            requireNamespace(cluster, namespace);
            int failed = 0;
            for (ObjectNode object : objects) {
                ResourceType type = InstallManifests.typeOf(object);
                String name = object.path("metadata").path("name").asText();
                String id = type.kind().toLowerCase(Locale.ROOT) + (type.group().isEmpty() ? "" : "."
                        + type.group()) + "/" + name;
                try {
                    cluster.api().apply(type, type.namespaced() ? namespace : null, name, object, FIELD_MANAGER,
                            dryRun);
                    terminal.out().println(id + " serverside-applied" + (dryRun ? " (server dry run)" : ""));
                } catch (KubeException e) {
                    failed++;
                    terminal.err().println("error: install " + type.kind() + " " + (type.namespaced() ? namespace
                            + "/" : "") + name + ": " + e.getMessage());
                }
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }

    private static void requireNamespace(Cluster cluster, String namespace) throws CommandFailure {
        try {
            cluster.api().get(ResourceType.NAMESPACES, null, namespace);
        } catch (ApiException e) {
            if (e.reason() == ApiException.Reason.NOT_FOUND) {
                throw new CommandFailure("install: namespace " + namespace + " does not exist: create it (kubectl "
                        + "create namespace " + namespace + ") or install with --namespace");
            }
            throw new CommandFailure("install: get namespace " + namespace + ": " + e.getMessage());
        } catch (KubeException e) {
            throw new CommandFailure("install: " + e.getMessage());
        }
    }
}
