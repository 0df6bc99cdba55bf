package io.smc.kube.http;

import static io.smc.kube.http.Json.object;
import static io.smc.kube.http.Json.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.CredentialSource;
import io.smc.kube.DeleteOptions;
import io.smc.kube.KubeException;
import io.smc.kube.ListOptions;
import io.smc.kube.ListPage;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpKubeClientVerbsTest {
    static final ResourceType SECRETS = ResourceType.SECRETS;
    static final ResourceType CONFIGS = new ResourceType("secret-management.microscaler.io", "v1beta1",
            "secretmanagerconfigs", "SecretManagerConfig", true);
    static final ResourceType CLUSTER_ROLES = new ResourceType("rbac.authorization.k8s.io", "v1", "clusterroles",
            "ClusterRole", false);

    private final FakeTime time = new FakeTime();
    private FakeApiServer server;
    private HttpKubeClient client;

    @BeforeEach
    void start() {
        server = FakeApiServer.start();
        client = HttpKubeClient.create(Clients.connection(server, new StubCredentials("token-one")),
                Clients.options(time));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ObjectNode config(String namespace, String name) {
        return object("""
                {"apiVersion": "secret-management.microscaler.io/v1beta1", "kind": "SecretManagerConfig",
                 "metadata": {"name": "%s", "namespace": "%s"},
                 "spec": {"secrets": {"environment": "dev"}}}""".formatted(name, namespace));
    }

    private static ObjectNode secret(String namespace, String name, String labels) {
        return object("""
                {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "%s", "namespace": "%s", "labels": %s},
                 "type": "Opaque"}""".formatted(name, namespace, labels));
    }

    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = server.requests();
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    @Test
    void getsOneObjectSendingTheBearerTokenAcceptAndUserAgent() throws KubeException {
        server.seed(SECRETS, secret("flux-system", "git-auth", "{}"));
        server.clearRequests();

        ObjectNode got = client.get(SECRETS, "flux-system", "git-auth");

        assertEquals("git-auth", got.path("metadata").path("name").asText());
        RecordedRequest request = onlyRequest();
        assertEquals("GET /api/v1/namespaces/flux-system/secrets/git-auth", request.action());
        assertEquals("Bearer token-one", request.header("Authorization").orElseThrow());
        assertEquals("application/json", request.header("Accept").orElseThrow());
        assertEquals("smc-test/1.0", request.header("User-Agent").orElseThrow());
    }

    @Test
    void sendsNoAuthorizationHeaderWhenTheCredentialsGiveNoToken() throws KubeException {
        try (HttpKubeClient anonymous = HttpKubeClient.create(Clients.connection(server, CredentialSource.NONE),
                Clients.options(time))) {
            anonymous.list(SECRETS, "default", ListOptions.ALL);
        }

        assertTrue(onlyRequest().header("Authorization").isEmpty());
    }

    @Test
    void listsWithSelectorsVersionAndLimitInTheQuery() throws KubeException {
        server.seed(SECRETS, secret("apps", "a", "{\"app\": \"web\"}"));
        server.seed(SECRETS, secret("apps", "b", "{\"app\": \"web\", \"tier\": \"db\"}"));
        server.seed(SECRETS, secret("apps", "c", "{\"app\": \"web\"}"));
        server.seed(SECRETS, secret("apps", "d", "{\"app\": \"web\"}"));
        server.clearRequests();

        ListPage page = client.list(SECRETS, "apps", new ListOptions("app=web,tier!=db", "metadata.namespace=apps",
                "0", 2, null));

        assertEquals("GET /api/v1/namespaces/apps/secrets?labelSelector=app%3Dweb%2Ctier%21%3Ddb"
                + "&fieldSelector=metadata.namespace%3Dapps&resourceVersion=0&limit=2", onlyRequest().action());
        assertEquals(List.of("a", "c"), names(page.items()));
        assertEquals(server.resourceVersion(), page.resourceVersion());
        assertNotEquals(null, page.continueToken());
    }

    @Test
    void listAllFollowsContinueTokensAndKeepsTheFirstPagesVersion() throws KubeException {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            server.seed(SECRETS, secret("apps", name, "{}"));
        }
        String versionAtFirstPage = server.resourceVersion();
        server.clearRequests();

        ListPage all = client.listAll(SECRETS, "apps", new ListOptions(null, null, null, 2, null));

        assertEquals(List.of("a", "b", "c", "d", "e"), names(all.items()));
        assertEquals(versionAtFirstPage, all.resourceVersion());
        assertNull(all.continueToken());
        List<RecordedRequest> requests = server.requests();
        assertEquals(3, requests.size());
        assertEquals("limit=2", requests.get(0).query());
        assertTrue(requests.get(1).query().startsWith("limit=2&continue="), requests.get(1).query());
        assertTrue(requests.get(2).query().startsWith("limit=2&continue="), requests.get(2).query());
    }

    @Test
    void listGivesItemsTheirKindAndApiVersionWhenTheServerLeavesThemOut() throws KubeException {
        server.seed(SECRETS, object("{\"metadata\": {\"name\": \"bare\", \"namespace\": \"apps\"}}"));

        ObjectNode item = client.list(SECRETS, "apps", ListOptions.ALL).items().get(0);

        assertEquals("Secret", item.path("kind").asText());
        assertEquals("v1", item.path("apiVersion").asText());
    }

    @Test
    void listsAcrossNamespacesAndClusterScopedKindsWithoutANamespaceInThePath() throws KubeException {
        client.list(SECRETS, null, ListOptions.ALL);
        client.list(ResourceType.NAMESPACES, "ignored-for-cluster-kinds", ListOptions.ALL);
        client.list(CLUSTER_ROLES, null, ListOptions.ALL);

        assertEquals(List.of("GET /api/v1/secrets", "GET /api/v1/namespaces",
                "GET /apis/rbac.authorization.k8s.io/v1/clusterroles"), server.actions());
    }

    @Test
    void createsByPostingTheObjectToItsCollection() throws KubeException {
        ObjectNode created = client.create(CONFIGS, "apps", config("apps", "payments"));

        RecordedRequest request = onlyRequest();
        assertEquals("POST /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs",
                request.action());
        assertEquals("application/json", request.header("Content-Type").orElseThrow());
        assertEquals(config("apps", "payments"), tree(request.body()));
        assertFalse(created.path("metadata").path("uid").asText().isEmpty());
        assertEquals(server.resourceVersion(), created.path("metadata").path("resourceVersion").asText());
    }

    @Test
    void createTakesTheNamespaceFromTheObjectWhenTheCallGivesNone() throws KubeException {
        client.create(CONFIGS, null, config("team-a", "payments"));

        assertEquals("POST /apis/secret-management.microscaler.io/v1beta1/namespaces/team-a/secretmanagerconfigs",
                onlyRequest().action());
    }

    @Test
    void updatesByPuttingTheObjectWithItsResourceVersion() throws KubeException {
        ObjectNode created = client.create(CONFIGS, "apps", config("apps", "payments"));
        String version = created.path("metadata").path("resourceVersion").asText();
        ((ObjectNode) created.path("spec").path("secrets")).put("environment", "prod");
        server.clearRequests();

        ObjectNode updated = client.update(CONFIGS, "apps", created);

        RecordedRequest request = onlyRequest();
        assertEquals("PUT /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments", request.action());
        assertEquals(version, tree(request.body()).path("metadata").path("resourceVersion").asText());
        assertEquals("prod", updated.path("spec").path("secrets").path("environment").asText());
        assertEquals(2, updated.path("metadata").path("generation").asInt());
    }

    @Test
    void updatesStatusThroughTheStatusSubresource() throws KubeException {
        ObjectNode created = client.create(CONFIGS, "apps", config("apps", "payments"));
        created.putObject("status").put("observedGeneration", 1);
        server.clearRequests();

        ObjectNode updated = client.updateStatus(CONFIGS, "apps", created);

        assertEquals("PUT /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments/status", onlyRequest().action());
        assertEquals(1, updated.path("status").path("observedGeneration").asInt());
        assertEquals(1, updated.path("metadata").path("generation").asInt());
    }

    @Test
    void mergePatchesWithTheMergePatchContentType() throws KubeException {
        client.create(CONFIGS, "apps", config("apps", "payments"));
        server.clearRequests();

        ObjectNode patched = client.patch(CONFIGS, "apps", "payments", PatchType.MERGE,
                tree("{\"spec\": {\"suspend\": true}}"), null, false, null);

        RecordedRequest request = onlyRequest();
        assertEquals("PATCH /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments", request.action());
        assertEquals("application/merge-patch+json", request.header("Content-Type").orElseThrow());
        assertEquals(tree("{\"spec\": {\"suspend\": true}}"), tree(request.body()));
        assertTrue(patched.path("spec").path("suspend").asBoolean());
        assertEquals("dev", patched.path("spec").path("secrets").path("environment").asText());
    }

    @Test
    void jsonPatchesWithTheJsonPatchContentType() throws KubeException {
        client.create(CONFIGS, "apps", config("apps", "payments"));
        server.clearRequests();

        ObjectNode patched = client.patch(CONFIGS, "apps", "payments", PatchType.JSON, tree("""
                [{"op": "test", "path": "/spec/secrets/environment", "value": "dev"},
                 {"op": "replace", "path": "/spec/secrets/environment", "value": "prod"}]"""), null, false, null);

        assertEquals("application/json-patch+json", onlyRequest().header("Content-Type").orElseThrow());
        assertEquals("prod", patched.path("spec").path("secrets").path("environment").asText());
    }

    @Test
    void appliesServerSideWithFieldManagerAndForceInTheQuery() throws KubeException {
        ObjectNode patched = client.patch(CONFIGS, "apps", "payments", PatchType.APPLY, config("apps", "payments"),
                "secret-manager-controller", true, null);

        RecordedRequest request = onlyRequest();
        assertEquals("PATCH /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments?fieldManager=secret-manager-controller&force=true", request.action());
        assertEquals("application/apply-patch+yaml", request.header("Content-Type").orElseThrow());
        assertEquals("secret-manager-controller",
                patched.path("metadata").path("managedFields").path(0).path("manager").asText());
    }

    @Test
    void patchesTheStatusSubresourceWhenAskedTo() throws KubeException {
        client.create(CONFIGS, "apps", config("apps", "payments"));
        server.clearRequests();

        ObjectNode patched = client.patch(CONFIGS, "apps", "payments", PatchType.MERGE,
                tree("{\"status\": {\"observedGeneration\": 1}}"), null, false, "status");

        assertEquals("PATCH /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments/status", onlyRequest().action());
        assertEquals(1, patched.path("status").path("observedGeneration").asInt());
    }

    @Test
    void refusesAnApplyWithoutFieldManagerAndForceOutsideApplyBeforeSendingAnything() {
        assertThrows(IllegalArgumentException.class, () -> client.patch(CONFIGS, "apps", "payments",
                PatchType.APPLY, config("apps", "payments"), null, false, null));
        assertThrows(IllegalArgumentException.class, () -> client.patch(CONFIGS, "apps", "payments",
                PatchType.MERGE, tree("{}"), "manager", true, null));
        assertThrows(IllegalArgumentException.class, () -> client.get(SECRETS, null, "git-auth"));

        assertEquals(List.of(), server.requests());
    }

    @Test
    void deletesWithPreconditionsAndPropagationPolicyInTheBody() throws KubeException {
        ObjectNode created = client.create(CONFIGS, "apps", config("apps", "payments"));
        String uid = created.path("metadata").path("uid").asText();
        String version = created.path("metadata").path("resourceVersion").asText();
        server.clearRequests();

        client.delete(CONFIGS, "apps", "payments", new DeleteOptions(uid, version, "Background"));

        RecordedRequest request = onlyRequest();
        assertEquals("DELETE /apis/secret-management.microscaler.io/v1beta1/namespaces/apps/secretmanagerconfigs"
                + "/payments", request.action());
        assertEquals(object("""
                {"kind": "DeleteOptions", "apiVersion": "v1",
                 "preconditions": {"uid": "%s", "resourceVersion": "%s"}, "propagationPolicy": "Background"}"""
                .formatted(uid, version)), tree(request.body()));
        assertTrue(server.object(CONFIGS, "apps", "payments").isEmpty());
    }

    @Test
    void deleteWithoutOptionsSendsBareDeleteOptions() throws KubeException {
        server.seed(SECRETS, secret("apps", "a", "{}"));
        server.clearRequests();

        client.delete(SECRETS, "apps", "a", DeleteOptions.NONE);

        assertEquals(object("{\"kind\": \"DeleteOptions\", \"apiVersion\": \"v1\"}"), tree(onlyRequest().body()));
    }

    @Test
    void addressesClusterScopedGroupedKindsWithoutNamespace() throws KubeException {
        server.seed(CLUSTER_ROLES, object("{\"kind\": \"ClusterRole\", \"metadata\": {\"name\": \"reader\"}}"));
        server.clearRequests();

        ObjectNode role = client.get(CLUSTER_ROLES, "ignored", "reader");

        assertEquals("GET /apis/rbac.authorization.k8s.io/v1/clusterroles/reader", onlyRequest().action());
        assertTrue(role.path("metadata").path("namespace").isMissingNode());
    }

    private static List<String> names(List<ObjectNode> items) {
        return items.stream().map(item -> item.path("metadata").path("name").asText()).toList();
    }
}
