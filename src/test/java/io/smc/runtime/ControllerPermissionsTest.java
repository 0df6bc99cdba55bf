package io.smc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smc.kube.ResourceType;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControllerPermissionsTest {
    @Test
    void eachAccessIsDeclaredOnce() {
        List<ApiAccess> all = ControllerPermissions.all();
        assertEquals(all.size(), new HashSet<>(all).size(), all.toString());
    }

    @Test
    void secretsAreReadByNameAndListedOnlyInArgoCdsNamespace() {
        List<ApiAccess> secrets = ControllerPermissions.all().stream()
                .filter(access -> access.group().isEmpty() && access.resource().equals("secrets")).toList();

        assertEquals(List.of(ApiAccess.of(ResourceType.SECRETS, "get", ApiAccess.Scope.WATCHED_NAMESPACES),
                ApiAccess.of(ResourceType.SECRETS, "list", ApiAccess.Scope.ARGOCD_NAMESPACE)), secrets);
    }

    @Test
    void nothingIsDeletedAndLeasesAreTheOnlyObjectsReplaced() {
        for (ApiAccess access : ControllerPermissions.all()) {
            assertTrue(!access.verb().startsWith("delete"), access.toString());
            assertTrue(!access.verb().equals("update") || access.resource().equals("leases"), access.toString());
        }
    }

    @Test
    void anAccessNamesOneResourceAndARealVerb() {
        assertThrows(IllegalArgumentException.class, () -> new ApiAccess("", "secrets/status", "", "get",
                ApiAccess.Scope.WATCHED_NAMESPACES));
        assertThrows(IllegalArgumentException.class, () -> new ApiAccess("", "secrets", "", "read",
                ApiAccess.Scope.WATCHED_NAMESPACES));
        assertThrows(IllegalArgumentException.class, () -> new ApiAccess("", "*", "", "get",
                ApiAccess.Scope.WATCHED_NAMESPACES));
        assertEquals("patch secretmanagerconfigs/status.secret-management.microscaler.io in WATCHED_NAMESPACES",
                ApiAccess.of(WatchedKinds.CONFIGS, "status", "patch", ApiAccess.Scope.WATCHED_NAMESPACES).toString());
    }
}
