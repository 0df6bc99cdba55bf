package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smc.kube.PatchType;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.FakeApiServer;
import io.smc.kube.fake.FakeApiServerMain;
import io.smc.kube.http.HttpKubeClient;
import io.smc.kube.testing.Eventually;
import io.smc.provider.gcp.fake.FakeSecretManager;
import io.smc.runtime.WatchedKinds;
import io.smc.source.flux.ArtifactServer;
import io.smc.source.flux.FluxObjects;
import io.smc.source.flux.TestTar;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller as a real process, end to end: a SecretManagerConfig and a Flux GitRepository in the fake API
 * server, the revision a real .tar.gz over HTTP with a SOPS-encrypted file and plain values carrying a marker, the
 * decryption key in a Secret, and Secret Manager's fake over gRPC. The config turns Ready, the values land in Secret
 * Manager, a new revision adds exactly one version — and the marker appears nowhere in what the process printed or
 * served, nor in the status and events it wrote.
 */
class ControllerEndToEndIT {
    private static final Path SOPS = Path.of("src/test/resources/sops").toAbsolutePath();
    private static final String MARKER = "SMC-E2E-MARKER-9d2b71";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ResourceType GIT = new ResourceType("source.toolkit.fluxcd.io", "v1", "gitrepositories",
            "GitRepository", true);
    private static final String PROJECT = "project-team-a";

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

    private void publish(int revision, String token) throws Exception {
        byte[] archive = TestTar.create()
                .file("svc/deployment-configuration/profiles/dev/application.secrets.env",
                        "TOKEN=" + token + "\nSTABLE=" + MARKER + "-stable\n")
                .file("enc/deployment-configuration/profiles/dev/application.secrets.env",
                        Files.readAllBytes(SOPS.resolve("age/secrets.env")))
                .gzip();
        String url = artifacts.serve("/gitrepository/team-a/apps/" + revision + ".tar.gz", archive);
        String artifact = FluxObjects.artifact(url, "main@sha1:" + revision, ArtifactServer.sha256(archive),
                archive.length);
        ObjectNode source = (ObjectNode) JSON.readTree(FluxObjects.gitRepository("v1", "apps", "uid-apps",
                FluxObjects.ready(), artifact));
        source.withObjectProperty("metadata").put("namespace", "team-a");
        if (server.object(GIT, "team-a", "apps").isEmpty()) {
            server.seed(GIT, source);
            return;
        }
        try (HttpKubeClient client = server.client()) {
            ObjectNode patch = JSON.createObjectNode();
            patch.set("status", source.get("status"));
            client.patch(GIT, "team-a", "apps", PatchType.MERGE, patch, null, false, "status");
        }
    }

    private void seedConfigAndKeys() throws Exception {
        server.serve(WatchedKinds.CONFIGS, GIT);
        ObjectNode config = FakeApiServerMain.config("team-a", "app");
        config.withObjectProperty("spec").putObject("decryption").putObject("secretRef").put("name", "sops-keys");
        server.seed(WatchedKinds.CONFIGS, config);
        ObjectNode keys = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Secret");
        keys.putObject("metadata").put("namespace", "team-a").put("name", "sops-keys");
        keys.putObject("data")
                .put("identity.agekey", Base64.getEncoder().encodeToString(
                        Files.readAllBytes(SOPS.resolve("keys/test.agekey"))))
                .put("unrelated", base64(MARKER + "-in-the-key-secret"));
        server.seed(ResourceType.SECRETS, keys);
    }

    private RunningController start() throws Exception {
        Path kubeconfig = Files.writeString(work.resolve("kubeconfig"), FakeApiServerMain.kubeconfig(server));
        int port = RunningController.freePort();
        List<String> command = PackagedJar.command("run", "--kubeconfig", kubeconfig.toString(),
                "--metrics-bind-address", "127.0.0.1:" + port, "--cache-dir", work.resolve("cache").toString(),
                "--log-level", "debug");
        return RunningController.start(command, Map.of("PATH", "/usr/bin:/bin", "HOME", work.toString(),
                "SECRET_MANAGER_EMULATOR_HOST", secretManager.target()), work, port);
    }

    private JsonNode ready() {
        for (JsonNode condition : server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow().path("status")
                .path("conditions")) {
            if (condition.path("type").asText().equals("Ready")) {
                return condition;
            }
        }
        return JSON.createObjectNode();
    }

    private String value(String secret) {
        return secretManager.data(PROJECT, secret, "latest").toString(StandardCharsets.UTF_8);
    }

    @Test
    void publishesARevisionAndItsSuccessorAndNoValueEverLeaks() throws Exception {
        seedConfigAndKeys();
        publish(1, MARKER + "-one");
        controller = start();

        Eventually.await("the config Ready at revision 1", () -> ready().path("message").asText()
                .startsWith("Synced") && ready().path("message").asText().contains("main@sha1:1"),
                () -> ready() + "\n" + controller);
        assertEquals("True", ready().path("status").asText());
        assertEquals(MARKER + "-one", value("svc-TOKEN"));
        assertFalse(secretManager.secret(PROJECT, "enc-PASSWORD").isEmpty(), "the SOPS file was decrypted");

        publish(2, MARKER + "-two");
        Eventually.await("revision 2 published", () -> ready().path("message").asText().contains("main@sha1:2"),
                () -> ready() + "\n" + controller);
        assertEquals(MARKER + "-two", value("svc-TOKEN"));
        assertEquals(2, secretManager.versions(PROJECT, "svc-TOKEN").size());
        assertEquals(1, secretManager.versions(PROJECT, "svc-STABLE").size(), "an unchanged value gets no version");

        String metrics = controller.get("/metrics").body();
        controller.signal("TERM");
        assertEquals(0, controller.awaitExit(), controller::toString);

        StringBuilder said = new StringBuilder(controller.out()).append(controller.err()).append(metrics);
        said.append(server.object(WatchedKinds.CONFIGS, "team-a", "app").orElseThrow());
        server.objects(ResourceType.EVENTS, "team-a").forEach(said::append);
        assertTrue(said.indexOf("svc-TOKEN") >= 0, "names are said; the scan below is over real output");
        for (String value : List.of(MARKER, base64(MARKER), base64url(MARKER), base64(MARKER + "-one"),
                base64(MARKER + "-two"), base64(MARKER + "-stable"))) {
            assertEquals(-1, said.indexOf(value), "a value leaked as " + value);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
