package io.smc.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceRequestTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "GET    | /apis/secret-management.microscaler.io/v1beta1/secretmanagerconfigs | limit=500 | list secretmanagerconfigs.secret-management.microscaler.io (all namespaces)",
        "GET    | /apis/secret-management.microscaler.io/v1beta1/secretmanagerconfigs | watch=1&resourceVersion=7 | watch secretmanagerconfigs.secret-management.microscaler.io (all namespaces)",
        "GET    | /apis/source.toolkit.fluxcd.io/v1/namespaces/team-a/gitrepositories | watch=true | watch gitrepositories.source.toolkit.fluxcd.io in team-a",
        "GET    | /apis/source.toolkit.fluxcd.io/v1/namespaces/team-a/gitrepositories | watch=false | list gitrepositories.source.toolkit.fluxcd.io in team-a",
        "GET    | /api/v1/watch/namespaces/team-a/secrets | - | watch secrets in team-a",
        "GET    | /api/v1/namespaces/team-a/secrets/sops-keys | - | get secrets in team-a",
        "GET    | /api/v1/namespaces/argocd/secrets | labelSelector=argocd.argoproj.io%2Fsecret-type%3Drepository | list secrets in argocd",
        "PATCH  | /apis/secret-management.microscaler.io/v1beta1/namespaces/team-a/secretmanagerconfigs/app/status | - | patch secretmanagerconfigs/status.secret-management.microscaler.io in team-a",
        "POST   | /api/v1/namespaces/team-a/events | - | create events in team-a",
        "PUT    | /apis/coordination.k8s.io/v1/namespaces/flux-system/leases/leader | - | update leases.coordination.k8s.io in flux-system",
        "DELETE | /api/v1/namespaces/team-a/configmaps/x | - | delete configmaps in team-a",
        "DELETE | /api/v1/namespaces/team-a/configmaps | - | deletecollection configmaps in team-a",
        "GET    | /api/v1/namespaces | - | list namespaces (all namespaces)",
        "GET    | /api/v1/namespaces/team-a | - | get namespaces (all namespaces)",
        "PUT    | /api/v1/namespaces/team-a/finalize | - | update namespaces/finalize (all namespaces)",
    })
    void aRequestIsTheVerbAndResourceRbacChecks(String method, String path, String query, String expected) {
        assertEquals(expected, ResourceRequest.of(method, path, query).orElseThrow().toString());
    }

    @ParameterizedTest
    @CsvSource({"/api", "/api/v1", "/apis", "/apis/source.toolkit.fluxcd.io", "/apis/source.toolkit.fluxcd.io/v1"})
    void discoveryIsNoResourceRequest(String path) {
        assertEquals(Optional.empty(), ResourceRequest.of("GET", path, null));
        assertTrue(ResourceRequest.isDiscovery(path));
    }

    @ParameterizedTest
    @CsvSource({"/version", "/healthz", "/openapi/v2", "/"})
    void otherNonResourceUrlsAreNotDiscovery(String path) {
        assertEquals(Optional.empty(), ResourceRequest.of("GET", path, null));
        assertFalse(ResourceRequest.isDiscovery(path));
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/namespaces/team-a/secrets/a/b/c", "/apis/g/v/x/y/z/w"})
    void aPathWithTooManySegmentsIsRefusedRatherThanGuessed(String path) {
        assertThrows(IllegalArgumentException.class, () -> ResourceRequest.of("GET", path, null));
    }
}
