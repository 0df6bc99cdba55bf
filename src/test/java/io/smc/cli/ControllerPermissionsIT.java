package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.install.ResourceRequest;
import io.smc.kube.DeleteOptions;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.fake.RecordedRequest;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.testing.Eventually;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.runtime.ApiAccess;
import io.smc.runtime.ControllerPermissions;
import io.smc.runtime.WatchedKinds;
import io.smc.source.argocd.ArgoApplications;
import io.smc.source.argocd.RepositoryCredentials;
import io.smc.source.flux.ArtifactServer;
import io.smc.source.flux.FluxObjects;
import io.smc.source.flux.TestTar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the controller really asks of the API server is what {@link ControllerPermissions} declares, and so what the
 * install grants: the built jar runs {@code run} with leader election against the recording fake API server, through
 * every path that calls the API — a config published from a Flux GitRepository with its SOPS keys read from a
 * Secret (finalizer, status, event), then deleted; a suspended config that suspends its GitRepository; configs on a
 * missing OCIRepository and a missing Bucket (sources the watch has not seen are read with a GET), on a Bucket
 * whose artifact cannot be downloaded (a repeated warning, so the event is patched) and on an Argo CD Application
 * whose repository credentials are looked up in Argo CD's namespace; a
 * graceful stop that releases the lease. Every request the controller made must be an access declared for the
 * namespace it went to, or discovery; and every declared access must have been used, so the list holds nothing the
 * controller does not do.
 */
class ControllerPermissionsIT {
    private static final Path SOPS = Path.of("src/test/resources/sops").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FLUX = "source.toolkit.fluxcd.io";
    private static final ResourceType GIT = new ResourceType(FLUX, "v1", "gitrepositories", "GitRepository", true);
    private static final ResourceType OCI = new ResourceType(FLUX, "v1", "ocirepositories", "OCIRepository", true);
    private static final ResourceType BUCKET = new ResourceType(FLUX, "v1", "buckets", "Bucket", true);
    private static final String CONTROLLER_NAMESPACE = "flux-system";
    private static final String ARGOCD_NAMESPACE = RepositoryCredentials.DEFAULT_NAMESPACE;
    private static final String PROJECT = "project-team-a";
    /** What the controller's kubeconfig authenticates with; the test's own client sends no credentials. */
    private static final String CONTROLLER_TOKEN = "Bearer fake-token";

    @TempDir
    Path work;

    private final FakeApiServer server = FakeApiServer.start();
    private final ArtifactServer artifacts = ArtifactServer.start();
    private final FakeSecretManager secretManager = FakeSecretManager.start(PROJECT);
    private RunningController controller;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        secretManager.close();
        artifacts.close();
        server.close();
    }

    @Test
    void everyCallTheControllerMakesIsDeclaredAndEveryDeclaredAccessIsUsed() throws Exception {
        seedEverySource();
        controller = start();

        Eventually.await("app published", () -> ready("app").path("status").asText().equals("True"), this::state);
        Eventually.await("the paused config's GitRepository suspended", () -> server.object(GIT, "team-a", "paused")
                .map(git -> git.path("spec").path("suspend").asBoolean()).orElse(false), this::state);
        Eventually.await("the OCIRepository config waiting", () -> reason("oci").equals("SourceNotReady"),
                this::state);
        Eventually.await("the missing Bucket's config waiting", () -> reason("bucket-missing")
                .equals("SourceNotReady"), this::state);
        Eventually.await("the Argo CD config failing after its credentials were looked up",
                () -> reason("argo").equals("ArtifactFailed"), this::state);
        Eventually.await("the Bucket config's repeated warning aggregated", () -> server.objects(
                ResourceType.EVENTS, "team-a").stream().anyMatch(event -> event.at("/involvedObject/name").asText()
                .equals("bucket") && event.path("count").asInt() >= 2), this::state);
        Eventually.await("the lease held", () -> server.object(ResourceType.LEASES, CONTROLLER_NAMESPACE,
                "secret-manager-controller-leader").map(lease -> !lease.at("/spec/holderIdentity").asText()
                .isEmpty()).orElse(false), this::state);
        // Configs and the four source kinds: a watch opens after its list, so wait for them rather than assume.
        Eventually.await("every informer watching", () -> server.openWatches() >= 5, this::state);
        try (HttpKubeClient client = server.client()) {
            client.delete(WatchedKinds.CONFIGS, "team-a", "app", DeleteOptions.NONE);
        }
        Eventually.await("app deleted once its finalizer went", () -> server.object(WatchedKinds.CONFIGS, "team-a",
                "app").isEmpty(), this::state);
        controller.signal("TERM");
        assertEquals(0, controller.awaitExit(), controller::toString);
        assertEquals("", server.object(ResourceType.LEASES, CONTROLLER_NAMESPACE, "secret-manager-controller-leader")
                .orElseThrow().at("/spec/holderIdentity").asText(""), "the lease was released");

        List<RecordedRequest> requests = server.requests().stream()
                .filter(r -> r.header("authorization").map(CONTROLLER_TOKEN::equals).orElse(false)).toList();
        assertTrue(requests.size() > 20, "the controller's requests are told from the test's: " + requests.size());
        Set<String> undeclared = new TreeSet<>();
        Set<ApiAccess> used = new LinkedHashSet<>();
        for (RecordedRequest request : requests) {
            Optional<ResourceRequest> resource = ResourceRequest.of(request.method(), request.path(),
                    request.query());
            if (resource.isEmpty()) {
                assertTrue(ResourceRequest.isDiscovery(request.path()), "only discovery is a non-resource URL: "
                        + request.action());
                continue;
            }
            Optional<ApiAccess> declared = ControllerPermissions.all().stream()
                    .filter(access -> resource.get().is(access) && admits(access.scope(), resource.get()))
                    .findFirst();
            if (declared.isPresent()) {
                used.add(declared.get());
            } else {
                undeclared.add(resource.get() + " (" + request.action() + ")");
            }
        }
        assertEquals(Set.of(), undeclared, "calls ControllerPermissions does not declare for where they went");
        List<ApiAccess> unused = new ArrayList<>(ControllerPermissions.all());
        unused.removeAll(used);
        assertEquals(List.of(), unused, "declared but never used by the controller");
    }

    /** Where each scope is, in this run: every namespace, the pod's namespace, Argo CD's. */
    private static boolean admits(ApiAccess.Scope scope, ResourceRequest request) {
        return switch (scope) {
            case WATCHED_NAMESPACES -> true;
            case LEADER_ELECTION_NAMESPACE -> CONTROLLER_NAMESPACE.equals(request.namespace());
            case ARGOCD_NAMESPACE -> ARGOCD_NAMESPACE.equals(request.namespace());
        };
    }

    private void seedEverySource() throws Exception {
        server.serve(WatchedKinds.CONFIGS, GIT, OCI, BUCKET, ArgoApplications.APPLICATIONS);

        // Published: a GitRepository's artifact, decrypted with the keys of a Secret the config names.
        byte[] archive = TestTar.create()
                .file("svc/deployment-configuration/profiles/dev/application.secrets.env", "TOKEN=one\n")
                .file("enc/deployment-configuration/profiles/dev/application.secrets.env",
                        Files.readAllBytes(SOPS.resolve("age/secrets.env")))
                .gzip();
        String url = artifacts.serve("/gitrepository/team-a/apps/1.tar.gz", archive);
        seedFlux(GIT, "apps", FluxObjects.artifact(url, "main@sha1:1", ArtifactServer.sha256(archive),
                archive.length));
        ObjectNode keys = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        keys.putObject("metadata").put("namespace", "team-a").put("name", "sops-keys");
        keys.putObject("data").put("identity.agekey", Base64.getEncoder().encodeToString(
                Files.readAllBytes(SOPS.resolve("keys/test.agekey"))));
        server.seed(ResourceType.SECRETS, keys);
        ObjectNode app = FakeApiServerMain.config("team-a", "app");
        app.withObjectProperty("spec").putObject("decryption").putObject("secretRef").put("name", "sops-keys");
        server.seed(WatchedKinds.CONFIGS, app);

        // Suspended with suspendGitPulls: its GitRepository is suspended too.
        seedFlux(GIT, "paused", null);
        ObjectNode paused = FakeApiServerMain.config("team-a", "paused");
        paused.withObjectProperty("spec").put("suspend", true).put("suspendGitPulls", true)
                .withObjectProperty("sourceRef").put("name", "paused");
        server.seed(WatchedKinds.CONFIGS, paused);

        // An OCIRepository and a Bucket that do not exist: the watch has not seen them, so they are read with a GET.
        server.seed(WatchedKinds.CONFIGS, config("oci", "OCIRepository", "missing", null));
        server.seed(WatchedKinds.CONFIGS, config("bucket-missing", "Bucket", "missing", null));

        // A Bucket whose artifact does not match its digest: retried with backoff, the same warning each time.
        String tampered = artifacts.serve("/bucket/team-a/broken/1.tar.gz", archive);
        seedFlux(BUCKET, "broken", FluxObjects.artifact(tampered, "sha256:1", "sha256:" + "0".repeat(64),
                archive.length));
        server.seed(WatchedKinds.CONFIGS, config("bucket", "Bucket", "broken", null));

        // An Argo CD Application whose repository has SSH credentials in Argo CD's namespace; the fetch itself is
        // refused (file:// is not an allowed protocol), after the credentials and known hosts were looked up.
        String repository = "file:///nonexistent/apps.git";
        server.seed(ArgoApplications.APPLICATIONS, """
                {"apiVersion":"argoproj.io/v1alpha1","kind":"Application","metadata":{"name":"apps","namespace":"%s"},
                 "spec":{"source":{"repoURL":"%s","targetRevision":"main","path":"envs/dev"}}}"""
                .formatted(ARGOCD_NAMESPACE, repository));
        ObjectNode credentials = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        credentials.putObject("metadata").put("namespace", ARGOCD_NAMESPACE).put("name", "repo-apps")
                .putObject("labels").put(RepositoryCredentials.SECRET_TYPE_LABEL, "repository");
        credentials.putObject("data").put("url", base64(repository)).put("sshPrivateKey",
                base64("-----BEGIN OPENSSH PRIVATE KEY-----\nnot-a-key\n-----END OPENSSH PRIVATE KEY-----\n"));
        server.seed(ResourceType.SECRETS, credentials);
        server.seed(WatchedKinds.CONFIGS, config("argo", "Application", "apps", ARGOCD_NAMESPACE));
    }

    private void seedFlux(ResourceType type, String name, String artifact) throws Exception {
        ObjectNode source = (ObjectNode) JSON.readTree(FluxObjects.gitRepository("v1", name, "uid-" + name,
                FluxObjects.ready(), artifact));
        source.put("kind", type.kind()).withObjectProperty("metadata").put("namespace", "team-a");
        server.seed(type, source);
    }

    private static ObjectNode config(String name, String kind, String source, String namespace) {
        ObjectNode config = FakeApiServerMain.config("team-a", name);
        ObjectNode ref = config.withObjectProperty("spec").putObject("sourceRef").put("kind", kind)
                .put("name", source);
        if (namespace != null) {
            ref.put("namespace", namespace);
        }
        return config;
    }

    private RunningController start() throws Exception {
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(server));
        int port = RunningController.freePort();
        List<String> command = PackagedJar.command("run", "--kubeconfig", kubeconfig.toString(),
                "--leader-elect=true", "--metrics-bind-address", "127.0.0.1:" + port,
                "--cache-dir", work.resolve("cache").toString(), "--min-retry-delay", "100ms",
                "--max-retry-delay", "500ms", "--log-format", "text");
        return RunningController.start(command, Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "SECRET_MANAGER_EMULATOR_HOST", secretManager.target(), "POD_NAMESPACE", CONTROLLER_NAMESPACE,
                "POD_NAME", "secret-manager-controller-0"), work, port);
    }

    private JsonNode ready(String name) {
        for (JsonNode condition : server.object(WatchedKinds.CONFIGS, "team-a", name)
                .map(config -> config.path("status").path("conditions")).orElse(JSON.createArrayNode())) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition;
            }
        }
        return JSON.createObjectNode();
    }

    private String reason(String name) {
        return ready(name).path("reason").asText();
    }

    private String state() {
        StringBuilder state = new StringBuilder();
        for (String name : List.of("app", "paused", "oci", "bucket", "argo")) {
            state.append(name).append(": ").append(ready(name)).append('\n');
        }
        server.objects(ResourceType.EVENTS, "team-a").forEach(event -> state.append("event ")
                .append(event.at("/involvedObject/name").asText()).append(' ').append(event.path("reason").asText())
                .append(" x").append(event.path("count").asInt()).append('\n'));
        return state + controller.toString();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
