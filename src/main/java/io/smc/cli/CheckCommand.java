package io.smc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.api.SecretManagerConfig;
import io.smc.crdgen.CrdFile;
import io.smc.kube.ApiException;
import io.smc.kube.KubeException;
import io.smc.kube.ResourceType;
import io.smc.runtime.ApiAccess;
import io.smc.runtime.ControllerPermissions;
import io.smc.runtime.WatchedKinds;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check}: a preflight of the cluster with one PASS or FAIL line per check, as {@code flux check} prints. The
 * RBAC lines ask the API server itself (a SelfSubjectAccessReview per access of {@link ControllerPermissions}, the
 * one list of what the controller calls), so they answer for the identity of the kubeconfig used.
 */
final class CheckCommand implements Command {
    /** The oldest Kubernetes whose CRD validation rules (x-kubernetes-validations) the generated CRD may use. */
    static final int MIN_MINOR = 26;
    static final ResourceType CRDS = InstallManifests.KINDS.get(1);
    static final ResourceType DEPLOYMENTS = InstallManifests.KINDS.get(10);
    static final ResourceType REVIEWS = new ResourceType("authorization.k8s.io", "v1", "selfsubjectaccessreviews",
            "SelfSubjectAccessReview", false);
    static final String CRD_NAME = SecretManagerConfig.PLURAL + "." + SecretManagerConfig.GROUP;

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
                + "Prints PASS or FAIL for each check: the API server is reachable and Kubernetes 1." + MIN_MINOR
                + " or newer;\nthe SecretManagerConfig CRD is installed as this version generates it; every access the\n"
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

    /** Counts the failures while printing each line. */
    private static final class Lines {
        private final Terminal terminal;
        private int failed;

        Lines(Terminal terminal) {
            this.terminal = terminal;
        }

        void pass(String text) {
            terminal.out().println("PASS  " + text);
        }

        void fail(String text) {
            failed++;
            terminal.out().println("FAIL  " + text);
        }

        void warn(String text) {
            terminal.out().println("WARN  " + text);
        }

        void check(boolean ok, String text) {
            if (ok) {
                pass(text);
            } else {
                fail(text);
            }
        }
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        ClusterArgs cli = ClusterArgs.parse(args, Set.of("--argocd-namespace"), Set.of("--pre"));
        if (!cli.names().isEmpty()) {
            throw new UsageException("unexpected argument '" + cli.names().get(0) + "'");
        }
        String namespace = cli.namespace() != null ? cli.namespace() : InstallManifests.DEFAULT_NAMESPACE;
        String argocd = cli.options().value("--argocd-namespace").orElse("argocd");
        Lines lines = new Lines(terminal);
        try (Cluster cluster = Cluster.connect(cli, terminal)) {
            if (!server(cluster, lines)) {
                return ExitCodes.FAILURE;
            }
            if (cli.options().has("--pre")) {
                namespaceExists(cluster, namespace, lines);
                installRights(cluster, namespace, lines);
            } else {
                crd(cluster, lines);
                for (ApiAccess access : ControllerPermissions.all()) {
                    String where = switch (access.scope()) {
                        case WATCHED_NAMESPACES -> "";
                        case LEADER_ELECTION_NAMESPACE -> namespace;
                        case ARGOCD_NAMESPACE -> argocd;
                    };
                    review(cluster, access.verb(), access.group(), access.resource(), access.subresource(), where,
                            lines);
                }
                sources(cluster, lines);
                deployment(cluster, namespace, lines);
            }
        }
        return lines.failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static boolean server(Cluster cluster, Lines lines) {
        try {
            JsonNode version = cluster.api().getPath("/version");
            String git = version.path("gitVersion").asText("?");
            int minor = Integer.parseInt(version.path("minor").asText("0").replaceAll("\\D.*$", "0"));
            lines.check(version.path("major").asText().equals("1") && minor >= MIN_MINOR, "API server reachable, "
                    + "Kubernetes " + git + (minor >= MIN_MINOR ? "" : " (1." + MIN_MINOR + " or newer needed)"));
            return true;
        } catch (KubeException | NumberFormatException e) {
            lines.fail("API server not reachable: " + e.getMessage());
            return false;
        }
    }

    private static void namespaceExists(Cluster cluster, String namespace, Lines lines) {
        try {
            cluster.api().get(ResourceType.NAMESPACES, null, namespace);
            lines.pass("namespace " + namespace + " exists");
        } catch (ApiException e) {
            lines.fail(e.reason() == ApiException.Reason.NOT_FOUND ? "namespace " + namespace + " does not exist: "
                    + "create it (kubectl create namespace " + namespace + ") or install with --namespace"
                    : "namespace " + namespace + ": " + e.getMessage());
        } catch (KubeException e) {
            lines.fail("namespace " + namespace + ": " + e.getMessage());
        }
    }

    /** Server-side apply creates what is missing and patches what is there: both, for each kind install applies. */
    private static void installRights(Cluster cluster, String namespace, Lines lines) {
        InstallManifests.render(namespace).stream().map(InstallManifests::typeOf).distinct().forEach(type -> {
            for (String verb : List.of("create", "patch")) {
                review(cluster, verb, type.group(), type.plural(), "", type.namespaced() ? namespace : null, lines);
            }
        });
    }

    /** @param namespace {@code ""} for every namespace, null for a cluster-scoped resource */
    private static void review(Cluster cluster, String verb, String group, String resource, String subresource,
            String namespace, Lines lines) {
        ObjectNode review = JsonNodeFactory.instance.objectNode().put("apiVersion", REVIEWS.apiVersion())
                .put("kind", REVIEWS.kind());
        ObjectNode attributes = review.putObject("spec").putObject("resourceAttributes");
        if (namespace != null && !namespace.isEmpty()) {
            attributes.put("namespace", namespace);
        }
        attributes.put("verb", verb).put("group", group).put("resource", resource);
        if (!subresource.isEmpty()) {
            attributes.put("subresource", subresource);
        }
        String what = verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                + (group.isEmpty() ? "" : "." + group) + (namespace == null ? " (cluster-scoped)"
                        : namespace.isEmpty() ? " in all namespaces" : " in namespace " + namespace);
        try {
            JsonNode status = cluster.api().create(REVIEWS, null, review).path("status");
            lines.check(status.path("allowed").asBoolean(false), what + (status.path("allowed").asBoolean(false)
                    ? "" : ": not allowed" + (status.hasNonNull("reason") ? " (" + status.path("reason").asText()
                            + ")" : "")));
        } catch (KubeException e) {
            lines.fail(what + ": the access review failed: " + e.getMessage());
        }
    }

    private static void crd(Cluster cluster, Lines lines) {
        ObjectNode live;
        try {
            live = cluster.api().get(CRDS, null, CRD_NAME);
        } catch (ApiException e) {
            lines.fail(e.reason() == ApiException.Reason.NOT_FOUND ? Cluster.CRD_MISSING
                    : "CRD " + CRD_NAME + ": " + e.getMessage());
            return;
        } catch (KubeException e) {
            lines.fail("CRD " + CRD_NAME + ": " + e.getMessage());
            return;
        }
        Optional<JsonNode> liveVersion = version(live);
        Optional<JsonNode> ours = version(generated());
        if (liveVersion.isEmpty()) {
            lines.fail("CRD " + CRD_NAME + " does not serve " + SecretManagerConfig.VERSION + ": run `" + Main.PROGRAM
                    + " install`");
        } else if (!liveVersion.get().path("schema").equals(ours.orElseThrow().path("schema"))) {
            lines.fail("CRD " + CRD_NAME + " differs from what this version generates: run `" + Main.PROGRAM
                    + " install` to upgrade it");
        } else {
            lines.pass("CRD " + CRD_NAME + " installed, " + SecretManagerConfig.VERSION + " as this version "
                    + "generates it");
        }
    }

    private static Optional<JsonNode> version(JsonNode crd) {
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("name").asText().equals(SecretManagerConfig.VERSION)) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    static JsonNode generated() {
        try {
            return new YAMLMapper().readTree(CrdFile.generated());
        } catch (IOException e) {
            throw new IllegalStateException("the generated CRD is YAML", e);
        }
    }

    private static void sources(Cluster cluster, Lines lines) {
        boolean any = false;
        for (WatchedKinds.SourceKind kind : WatchedKinds.SOURCES) {
            String owner = kind.kind().equals("Application") ? "Argo CD " : "Flux ";
            Optional<ResourceType> served = Optional.empty();
            try {
                for (ResourceType type : kind.versions()) {
                    if (cluster.api().serves(type)) {
                        served = Optional.of(type);
                        break;
                    }
                }
            } catch (KubeException e) {
                lines.fail(owner + kind.kind() + ": discovery failed: " + e.getMessage());
                continue;
            }
            if (served.isPresent()) {
                any = true;
                lines.pass(owner + kind.kind() + " served (" + served.get().apiVersion() + ")");
            } else {
                lines.warn(owner + kind.kind() + " not installed: configs cannot read this kind");
            }
        }
        if (!any) {
            lines.fail("neither Flux nor Argo CD serves a source kind: no config can be reconciled");
        }
    }

    private static void deployment(Cluster cluster, String namespace, Lines lines) {
        String name = Main.PROGRAM;
        try {
            JsonNode deployment = cluster.api().get(DEPLOYMENTS, namespace, name);
            int wanted = deployment.path("spec").path("replicas").asInt(1);
            int ready = deployment.path("status").path("readyReplicas").asInt(0);
            int updated = deployment.path("status").path("updatedReplicas").asInt(0);
            String image = deployment.path("spec").path("template").path("spec").path("containers").path(0)
                    .path("image").asText("?");
            lines.check(ready >= wanted && updated >= wanted, "controller deployment " + namespace + "/" + name
                    + " ready " + ready + "/" + wanted + " (" + image + ")");
        } catch (ApiException e) {
            lines.fail(e.reason() == ApiException.Reason.NOT_FOUND ? "controller deployment " + namespace + "/"
                    + name + " not found: run `" + Main.PROGRAM + " install`" : "controller deployment: "
                    + e.getMessage());
        } catch (KubeException e) {
            lines.fail("controller deployment: " + e.getMessage());
        }
    }
}
