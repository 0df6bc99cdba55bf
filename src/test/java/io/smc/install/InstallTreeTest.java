package io.smc.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.api.SecretManagerConfig;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code kubectl apply -k config} and its namespaced alternative: what they create, and where. */
class InstallTreeTest {
    /** The kinds that have no namespace; every other object of the install must be in the install's namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of("CustomResourceDefinition", "ClusterRole",
            "ClusterRoleBinding", "Namespace");

    @Test
    void theInstallIsTheCrdTheControllersRbacItsDeploymentAndItsMetricsService() throws Exception {
        Kustomize.Rendered install = Kustomize.render("config");

        assertEquals(new TreeSet<>(Set.of("CustomResourceDefinition", "ServiceAccount", "ClusterRole",
                "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service")), kinds(install));
        assertEquals(SecretManagerConfig.PLURAL + "." + SecretManagerConfig.GROUP,
                install.only("CustomResourceDefinition").path("metadata").path("name").asText());
        install.one("Deployment", "secret-manager-controller");
        install.one("Service", "secret-manager-controller-metrics");
    }

    @Test
    void everyObjectIsWellFormedAndEveryNamespacedOneIsInFluxSystem() throws Exception {
        assertWellFormedIn(Kustomize.render("config"), "flux-system");
    }

    @Test
    void fluxSystemIsFluxsToCreateSoTheInstallHasNoNamespaceObject() throws Exception {
        assertEquals(List.of(), Kustomize.render("config").ofKind("Namespace"));
        assertEquals(List.of(), Kustomize.render("config/overlays/namespaced").ofKind("Namespace"));
    }

    @Test
    void samplesAreNotInstalled() throws Exception {
        assertEquals(List.of(), Kustomize.render("config").ofKind(SecretManagerConfig.KIND));
    }

    @Test
    void theNamespacedInstallIsWellFormedAndHasNoClusterWideGrant() throws Exception {
        Kustomize.Rendered namespaced = Kustomize.render("config/overlays/namespaced");

        assertWellFormedIn(namespaced, "flux-system");
        assertEquals(new TreeSet<>(Set.of("CustomResourceDefinition", "ServiceAccount", "Role", "RoleBinding",
                "Deployment", "Service")), kinds(namespaced));
    }

    @Test
    void theArgoCdGrantIsWellFormedAndInArgoCdsNamespace() throws Exception {
        assertWellFormedIn(Kustomize.render("config/rbac-argocd"), "argocd");
    }

    @Test
    void theCrdIsTheSameInEveryInstall() throws Exception {
        ObjectNode crd = Kustomize.render("config/crd").only("CustomResourceDefinition");

        assertEquals(crd, Kustomize.render("config").only("CustomResourceDefinition"));
        assertEquals(crd, Kustomize.render("config/overlays/namespaced").only("CustomResourceDefinition"));
    }

    private static void assertWellFormedIn(Kustomize.Rendered rendered, String namespace) {
        assertFalse(rendered.objects().isEmpty(), rendered.dir() + " renders nothing");
        Set<String> seen = new TreeSet<>();
        for (ObjectNode object : rendered.objects()) {
            String kind = object.path("kind").asText();
            String name = object.path("metadata").path("name").asText();
            String where = rendered.dir() + ": " + kind + " " + name;
            assertTrue(object.path("apiVersion").asText().matches("([a-z0-9.-]+/)?v[0-9]+((alpha|beta)[0-9]+)?"),
                    where + " has an apiVersion: " + object.path("apiVersion"));
            assertTrue(kind.matches("[A-Z][A-Za-z]+"), where + " has a kind");
            assertTrue(name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?") && name.length() <= 253, where
                    + " has a name");
            String objectNamespace = object.path("metadata").path("namespace").asText("");
            if (CLUSTER_SCOPED.contains(kind)) {
                assertEquals("", objectNamespace, where + " is cluster-scoped");
            } else {
                assertEquals(namespace, objectNamespace, where + " is in " + namespace);
            }
            assertTrue(seen.add(kind + "/" + objectNamespace + "/" + name), where + " is rendered twice");
            if (!kind.equals("CustomResourceDefinition")) {
                assertEquals("secret-manager-controller", object.path("metadata").path("labels")
                        .path("app.kubernetes.io/name").asText(), where + " is labelled as the controller's");
            }
        }
    }

    private static Set<String> kinds(Kustomize.Rendered rendered) {
        Set<String> kinds = new TreeSet<>();
        rendered.objects().forEach(o -> kinds.add(o.path("kind").asText()));
        return kinds;
    }
}
