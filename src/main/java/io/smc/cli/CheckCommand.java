package io.smc.cli;

import io.smc.runtime.ControllerPermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code check}: a preflight of the cluster with one PASS or FAIL line per check, as {@code flux check} prints. The
 * RBAC lines ask the API server itself (a SelfSubjectAccessReview per access of {@link ControllerPermissions}, the
 * one list of what the controller calls), so they answer for the identity of the kubeconfig used.
 */
final class CheckCommand implements Command {
    @Override
    public String name() {
        return "check";
    }

    @Override
    public String summary() {
        return "check the cluster: API server, CRD, RBAC, sources, controller (--pre: before an install)";
    }

    @Override
    public String usage() {
        return "Usage: " + Main.PROGRAM + " check [--pre] [-n flux-system] [--argocd-namespace argocd]\n\n"
                + "Prints PASS or FAIL for each check: the API server is reachable and Kubernetes 1."
                + Preflight.MIN_MINOR + " or newer;\nthe SecretManagerConfig CRD is installed as this version "
                + "generates it; every access the\n"
                + "controller needs is allowed (a SelfSubjectAccessReview each: run it with the controller's service\n"
                + "account's credentials to check its RBAC); Flux or Argo CD serves sources; the controller's\n"
                + "Deployment is ready. WARN lines (an optional kind not installed) do not fail.\n"
                + "With --pre: the API server, the namespace, and your right to install (create and patch each kind\n"
                + "of object `install` applies).\n\n"
                + "Options:\n"
                + "  --pre               check only what an install needs\n"
                + "  -n, --namespace NS  the controller's namespace (default: flux-system)\n"
                + "  --argocd-namespace NS  Argo CD's namespace, for its Secrets and ConfigMap (default: argocd)\n"
                + "  --kubeconfig FILE   the kubeconfig (default: KUBECONFIG, ~/.kube/config, then in-cluster)\n"
                + "  --context NAME      the kubeconfig context (default: the current context)\n"
                + "Exit code: 0 every check passed, 1 a check failed.\n";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of("--argocd-namespace"), Set.of("--pre"));
        if (!cli.names().isEmpty()) {
            throw new UsageException("unexpected argument '" + cli.names().get(0) + "'");
        }
        String namespace = cli.namespace() != null ? cli.namespace() : InstallManifests.DEFAULT_NAMESPACE;
        String argocd = cli.options().value("--argocd-namespace").orElse("argocd");
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            Preflight checks = new Preflight(cluster, terminal);
            if (!checks.server()) {
                return ExitCodes.FAILURE;
            }
            if (cli.options().has("--pre")) {
                checks.namespaceExists(namespace);
                checks.installRights(namespace);
            } else {
                checks.crd();
                checks.controllerAccess(namespace, argocd);
                checks.sources();
                checks.deployment(namespace);
            }
            return checks.failed() == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
