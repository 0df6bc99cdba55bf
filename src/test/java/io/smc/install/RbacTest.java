package io.smc.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.install.Grants.Grant;
import io.smc.runtime.ApiAccess;
import io.smc.runtime.ApiAccess.Scope;
import io.smc.runtime.ControllerPermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The roles the install tree grants are exactly the access {@link ControllerPermissions} declares, scope by scope:
 * nothing declared is missing (the controller would be forbidden) and nothing granted is undeclared (more than it
 * needs). That the declaration matches what the controller really calls is ControllerPermissionsIT's part.
 */
class RbacTest {
    private static final String NAME = "secret-manager-controller";

    @Test
    void theClusterRoleGrantsExactlyWhatTheControllerNeedsInTheNamespacesItWatches() throws Exception {
        Kustomize.Rendered install = Kustomize.render("config");

        Grants.assertGrantsExactly(ControllerPermissions.in(Scope.WATCHED_NAMESPACES),
                install.one("ClusterRole", NAME));
        assertBound(install, install.one("ClusterRoleBinding", NAME), "ClusterRole", NAME, "flux-system");
    }

    @Test
    void leasesAreGrantedOnlyInTheControllersOwnNamespace() throws Exception {
        Kustomize.Rendered install = Kustomize.render("config");

        ObjectNode role = install.only("Role");
        assertEquals("flux-system", role.path("metadata").path("namespace").asText());
        Grants.assertGrantsExactly(ControllerPermissions.in(Scope.LEADER_ELECTION_NAMESPACE), role);
        ObjectNode binding = install.only("RoleBinding");
        assertEquals("flux-system", binding.path("metadata").path("namespace").asText());
        assertBound(install, binding, "Role", role.path("metadata").path("name").asText(), "flux-system");
    }

    @Test
    void argoCdsSecretsAreListedOnlyInArgoCdsNamespace() throws Exception {
        Kustomize.Rendered argocd = Kustomize.render("config/rbac-argocd");

        assertEquals(Set.of("Role", "RoleBinding"), kinds(argocd));
        ObjectNode role = argocd.only("Role");
        assertEquals("argocd", role.path("metadata").path("namespace").asText());
        Grants.assertGrantsExactly(ControllerPermissions.in(Scope.ARGOCD_NAMESPACE), role);
        ObjectNode binding = argocd.only("RoleBinding");
        assertEquals("argocd", binding.path("metadata").path("namespace").asText());
        assertEquals(role.path("metadata").path("name").asText(), binding.path("roleRef").path("name").asText());
        assertSubjectIsTheController(binding, "flux-system");
    }

    @Test
    void noSecretIsListedOrWatchedOutsideArgoCdsNamespace() throws Exception {
        for (String dir : List.of("config", "config/overlays/namespaced")) {
            Kustomize.Rendered rendered = Kustomize.render(dir);
            List<ObjectNode> roles = new ArrayList<>(rendered.ofKind("ClusterRole"));
            roles.addAll(rendered.ofKind("Role"));
            for (ObjectNode role : roles) {
                Set<Grant> secrets = new TreeSet<>(Grants.of(role));
                secrets.removeIf(grant -> !grant.group().isEmpty() || !grant.resource().equals("secrets"));
                assertTrue(Set.of(new Grant("", "secrets", "get")).containsAll(secrets), dir + ": "
                        + role.path("metadata").path("name").asText() + " grants " + secrets);
            }
        }
    }

    @Test
    void theNamespacedInstallGrantsTheSameAccessConfinedToItsNamespace() throws Exception {
        Kustomize.Rendered namespaced = Kustomize.render("config/overlays/namespaced");

        assertEquals(List.of(), namespaced.ofKind("ClusterRole"));
        assertEquals(List.of(), namespaced.ofKind("ClusterRoleBinding"));
        List<ApiAccess> expected = new ArrayList<>(ControllerPermissions.in(Scope.WATCHED_NAMESPACES));
        expected.addAll(ControllerPermissions.in(Scope.LEADER_ELECTION_NAMESPACE));
        ObjectNode role = namespaced.one("Role", NAME);
        Grants.assertGrantsExactly(expected, role);
        String namespace = role.path("metadata").path("namespace").asText();
        assertEquals("flux-system", namespace);
        ObjectNode binding = namespaced.one("RoleBinding", NAME);
        assertEquals(namespace, binding.path("metadata").path("namespace").asText());
        assertBound(namespaced, binding, "Role", NAME, namespace);
    }

    private static void assertBound(Kustomize.Rendered rendered, ObjectNode binding, String roleKind,
            String roleName, String namespace) {
        assertEquals("rbac.authorization.k8s.io", binding.path("roleRef").path("apiGroup").asText());
        assertEquals(roleKind, binding.path("roleRef").path("kind").asText());
        assertEquals(roleName, binding.path("roleRef").path("name").asText());
        assertSubjectIsTheController(binding, namespace);
        ObjectNode account = rendered.one("ServiceAccount", NAME);
        assertEquals(namespace, account.path("metadata").path("namespace").asText());
    }

    private static void assertSubjectIsTheController(ObjectNode binding, String namespace) {
        JsonNode subjects = binding.path("subjects");
        assertEquals(1, subjects.size(), binding.toString());
        assertEquals("ServiceAccount", subjects.path(0).path("kind").asText());
        assertEquals(NAME, subjects.path(0).path("name").asText());
        assertEquals(namespace, subjects.path(0).path("namespace").asText(), binding.toString());
    }

    private static Set<String> kinds(Kustomize.Rendered rendered) {
        Set<String> kinds = new TreeSet<>();
        rendered.objects().forEach(o -> kinds.add(o.path("kind").asText()));
        assertTrue(!kinds.isEmpty(), rendered.dir() + " renders something");
        return kinds;
    }
}
