package io.smc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.install.Kustomize;
import io.smc.kube.ResourceType;
import io.smc.kube.fake.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallCommandTest {
    @TempDir
    Path dir;

    private ClusterCli cli;

    @BeforeEach
    void start() {
        cli = new ClusterCli(dir);
        cli.api.seed(ResourceType.NAMESPACES, "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": "
                + "{\"name\": \"flux-system\"}}");
    }

    @AfterEach
    void stop() {
        cli.close();
    }

    private static List<JsonNode> documents(String yaml) throws Exception {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                documents.add(it.next());
            }
        }
        return documents;
    }

    @Test
    void exportIsWhatKubectlKustomizeRendersOfConfig() throws Exception {
        CliRun run = CliRun.of("install", "--export");

        assertEquals(0, run.exitCode(), run::toString);
        List<? extends JsonNode> expected = Kustomize.render("config").objects();
        assertEquals(expected, documents(run.out()));
    }

    @Test
    void exportInAnotherNamespaceMovesTheNamespacedObjectsAndTheBindingsSubjects() throws Exception {
        CliRun run = CliRun.of("install", "--export", "-n", "team-a");

        List<JsonNode> objects = documents(run.out());
        assertEquals(8, objects.size());
        for (JsonNode object : objects) {
            boolean namespaced = InstallManifests.typeOf(object).namespaced();
            assertEquals(namespaced ? "team-a" : "", object.path("metadata").path("namespace").asText(""),
                    object.path("kind").asText());
            object.path("subjects").forEach(s -> assertEquals("team-a", s.path("namespace").asText()));
        }
        assertTrue(run.out().contains("image: secret-manager-controller:"), run::toString);
    }

    @Test
    void exportParsesWithKubectlApplyDryRunClient() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"),
                "kubectl is not installed: `install --export | kubectl apply --dry-run=client -f -` is not tried");
        // kubectl maps kinds to resources through discovery, so it talks to the fake, which serves these kinds.
        InstallManifests.KINDS.forEach(cli.api::serve);
        String export = CliRun.of("install", "--export").out();
        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", cli.kubeconfig.toString(), "apply",
                "--dry-run=client", "--validate=false", "-f", "-").redirectErrorStream(true).start();
        kubectl.getOutputStream().write(export.getBytes(StandardCharsets.UTF_8));
        kubectl.getOutputStream().close();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, kubectl.exitValue(), output);
        assertEquals(8, output.lines().filter(line -> line.endsWith("created (dry run)")).count(), output);
        assertTrue(output.contains("deployment.apps/secret-manager-controller created (dry run)"), output);
    }

    @Test
    void appliesEachObjectServerSideInKustomizeOrder() {
        CliRun run = cli.run("install");

        assertEquals(0, run.exitCode(), run::toString);
        Golden.assertMatches("install.txt", run.out());
        List<String> applies = cli.api.requests().stream().filter(r -> r.method().equals("PATCH"))
                .map(RecordedRequest::action).toList();
        assertEquals(8, applies.size(), applies::toString);
        assertEquals("PATCH /apis/apiextensions.k8s.io/v1/customresourcedefinitions/secretmanagerconfigs."
                + "secret-management.microscaler.io?fieldManager=secret-manager-controller&force=true",
                applies.get(0));
        assertEquals("PATCH /apis/apps/v1/namespaces/flux-system/deployments/secret-manager-controller"
                + "?fieldManager=secret-manager-controller&force=true", applies.get(7));
        assertTrue(cli.api.requests().stream().filter(r -> r.method().equals("PATCH")).allMatch(r -> r
                .header("Content-Type").orElseThrow().equals("application/apply-patch+yaml")));
        ObjectNode deployment = cli.api.object(InstallManifests.KINDS.get(10), "flux-system",
                "secret-manager-controller").orElseThrow();
        assertEquals("secret-manager-controller", deployment.path("metadata").path("managedFields").path(0)
                .path("manager").asText(), deployment::toString);
    }

    @Test
    void dryRunAsksTheServerToStoreNothing() {
        CliRun run = cli.run("install", "--dry-run");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("deployment.apps/secret-manager-controller serverside-applied (server dry run)"),
                run::toString);
        assertTrue(cli.api.requests().stream().filter(r -> r.method().equals("PATCH"))
                .allMatch(r -> r.query().endsWith("&dryRun=All")), cli.api.actions()::toString);
        assertEquals(List.of(), cli.api.objects(InstallManifests.KINDS.get(10), null));
    }

    @Test
    void aMissingNamespaceIsNamedBeforeAnythingIsApplied() {
        CliRun run = cli.run("install", "--namespace", "nowhere");

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("error: install: namespace nowhere does not exist: create it (kubectl create namespace nowhere) "
                + "or install with --namespace\n", run.err());
        assertTrue(cli.api.requests().stream().noneMatch(r -> r.method().equals("PATCH")));
    }

    @Test
    void exportWithClusterOptionsIsAUsageError() {
        assertEquals(2, CliRun.of("install", "--export", "--dry-run").exitCode());
    }

    private static boolean onPath(String tool) {
        for (String path : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!path.isEmpty() && Files.isExecutable(Path.of(path, tool))) {
                return true;
            }
        }
        return false;
    }
}
