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

/**
 * The checks of {@code check}, each printing one PASS, FAIL or WARN line and counting the failures. Every answer
 * comes from the API server: discovery, {@code /version}, the objects, and SelfSubjectAccessReviews.
 */
final class Preflight {
    /** The oldest Kubernetes whose CRD validation rules (x-kubernetes-validations) the generated CRD may use. */
    static final int MIN_MINOR = 26;
    static final ResourceType CRDS = InstallManifests.KINDS.get(1);
    static final ResourceType DEPLOYMENTS = InstallManifests.KINDS.get(10);
    static final ResourceType REVIEWS = new ResourceType("authorization.k8s.io", "v1", "selfsubjectaccessreviews",
            "SelfSubjectAccessReview", false);
    static final String CRD_NAME = SecretManagerConfig.PLURAL + "." + SecretManagerConfig.GROUP;

    private final Cluster cluster;
    private final Terminal terminal;
    private int failed;

    Preflight(Cluster cluster, Terminal terminal) {
        this.cluster = cluster;
        this.terminal = terminal;
    }

    int failed() {
        return failed;
    }

    private void pass(String text) {
        terminal.out().println("PASS  " + text);
    }

    private void fail(String text) {
        failed++;
        terminal.out().println("FAIL  " + text);
    }

    private void warn(String text) {
        terminal.out().println("WARN  " + text);
    }

    private void check(boolean ok, String text) {
        if (ok) {
            pass(text);
        } else {
            fail(text);
        }
    }

    /** One review per access the controller needs, in the namespaces its scope names. */
    void controllerAccess(String namespace, String argocd) {
        for (ApiAccess access : ControllerPermissions.all()) {
            String where = switch (access.scope()) {
                case WATCHED_NAMESPACES -> "";
                case LEADER_ELECTION_NAMESPACE -> namespace;
                case ARGOCD_NAMESPACE -> argocd;
            };
            review(access.verb(), access.group(), access.resource(), access.subresource(), where);
        }
    }

    boolean server() {
        try {
            JsonNode version = cluster.api().getPath("/version");
            String git = version.path("gitVersion").asText("?");
            int minor = Integer.parseInt(version.path("minor").asText("0").replaceAll("\\D.*$", "0"));
            check(version.path("major").asText().equals("1") && minor >= MIN_MINOR, "API server reachable, "
                    + "Kubernetes " + git + (minor >= MIN_MINOR ? "" : " (1." + MIN_MINOR + " or newer needed)"));
            return true;
        } catch (KubeException | NumberFormatException e) {
            fail("API server not reachable: " + e.getMessage());
            return false;
        }
    }

    void namespaceExists(String namespace) {
        try {
            cluster.api().get(ResourceType.NAMESPACES, null, namespace);
            pass("namespace " + namespace + " exists");
        } catch (ApiException e) {
            fail(e.reason() == ApiException.Reason.NOT_FOUND ? "namespace " + namespace + " does not exist: "
                    + "create it (kubectl create namespace " + namespace + ") or install with --namespace"
                    : "namespace " + namespace + ": " + e.getMessage());
        } catch (KubeException e) {
            fail("namespace " + namespace + ": " + e.getMessage());
        }
    }

    /** Server-side apply creates what is missing and patches what is there: both, for each kind install applies. */
    void installRights(String namespace) {
        InstallManifests.render(namespace).stream().map(InstallManifests::typeOf).distinct().forEach(type -> {
            for (String verb : List.of("create", "patch")) {
                review(verb, type.group(), type.plural(), "", type.namespaced() ? namespace : null);
            }
        });
    }

    /** @param namespace {@code ""} for every namespace, null for a cluster-scoped resource */
    private void review(String verb, String group, String resource, String subresource, String namespace) {
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
            check(status.path("allowed").asBoolean(false), what + (status.path("allowed").asBoolean(false)
                    ? "" : ": not allowed" + (status.hasNonNull("reason") ? " (" + status.path("reason").asText()
                            + ")" : "")));
        } catch (KubeException e) {
            fail(what + ": the access review failed: " + e.getMessage());
        }
    }

    void crd() {
        ObjectNode live;
        try {
            live = cluster.api().get(CRDS, null, CRD_NAME);
        } catch (ApiException e) {
            fail(e.reason() == ApiException.Reason.NOT_FOUND ? Cluster.CRD_MISSING
                    : "CRD " + CRD_NAME + ": " + e.getMessage());
            return;
        } catch (KubeException e) {
            fail("CRD " + CRD_NAME + ": " + e.getMessage());
            return;
        }
        Optional<JsonNode> liveVersion = version(live);
        Optional<JsonNode> ours = version(generated());
        if (liveVersion.isEmpty()) {
            fail("CRD " + CRD_NAME + " does not serve " + SecretManagerConfig.VERSION + ": run `" + Main.PROGRAM
                    + " install`");
        } else if (!liveVersion.get().path("schema").equals(ours.orElseThrow().path("schema"))) {
            fail("CRD " + CRD_NAME + " differs from what this version generates: run `" + Main.PROGRAM
                    + " install` to upgrade it");
        } else {
            pass("CRD " + CRD_NAME + " installed, " + SecretManagerConfig.VERSION + " as this version "
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

    void sources() {
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
                fail(owner + kind.kind() + ": discovery failed: " + e.getMessage());
                continue;
            }
            if (served.isPresent()) {
                any = true;
                pass(owner + kind.kind() + " served (" + served.get().apiVersion() + ")");
            } else {
                warn(owner + kind.kind() + " not installed: configs cannot read this kind");
            }
        }
        if (!any) {
            fail("neither Flux nor Argo CD serves a source kind: no config can be reconciled");
        }
    }

    void deployment(String namespace) {
        String name = Main.PROGRAM;
        try {
            JsonNode deployment = cluster.api().get(DEPLOYMENTS, namespace, name);
            int wanted = deployment.path("spec").path("replicas").asInt(1);
            int ready = deployment.path("status").path("readyReplicas").asInt(0);
            int updated = deployment.path("status").path("updatedReplicas").asInt(0);
            String image = deployment.path("spec").path("template").path("spec").path("containers").path(0)
                    .path("image").asText("?");
            check(ready >= wanted && updated >= wanted, "controller deployment " + namespace + "/" + name
                    + " ready " + ready + "/" + wanted + " (" + image + ")");
        } catch (ApiException e) {
            fail(e.reason() == ApiException.Reason.NOT_FOUND ? "controller deployment " + namespace + "/"
                    + name + " not found: run `" + Main.PROGRAM + " install`" : "controller deployment: "
                    + e.getMessage());
        } catch (KubeException e) {
            fail("controller deployment: " + e.getMessage());
        }
    }
}
