package io.smc.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tiltfile as Tilt itself evaluates it ({@code tilt alpha tiltfile-result}, no Docker or cluster needed): the
 * resources, their labels and dependencies, what they watch, the image with its live update, the port forward and
 * the objects deployed. Skipped where the Tilt binary of {@code ../shared/tools} is absent.
 */
class TiltfileTest {
    private static final Path TILT = Path.of("../shared/tools/tilt").toAbsolutePath().normalize();
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String IMAGE = "localhost:5001/pricewhisperer-secret-manager-controller:tilt";
    private static final String JAR_IN_IMAGE = "/opt/secret-manager-controller/app/secret-manager-controller.jar";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path work;

    @BeforeAll
    static void tiltIsThere() {
        assumeTrue(Files.isExecutable(TILT), "no Tilt binary at " + TILT);
    }

    @Test
    void declaresTheSeedsWorkflowUnderTheControllersLabel() throws Exception {
        Evaluation tilt = evaluate(PROJECT.resolve("Tiltfile"));

        assertEquals(List.of("secret-manager-controller", "secret-manager-controller-build",
                "secret-manager-controller-crd-gen", "secret-manager-controller-example", "secret-manager-fake"),
                tilt.manifestNames());
        for (JsonNode manifest : tilt.manifests()) {
            assertEquals(Map.of("controllers", "controllers"), JSON.convertValue(manifest.get("Labels"), Map.class),
                    manifest.get("Name").asText());
        }
        assertEquals(List.of("secret-manager-controller-build", "secret-manager-controller-crd-gen",
                "secret-manager-fake"), strings(tilt.manifest("secret-manager-controller").get("ResourceDependencies")));
        assertEquals(List.of("secret-manager-controller-crd-gen"),
                strings(tilt.manifest("secret-manager-controller-build").get("ResourceDependencies")));
    }

    @Test
    void crdGenerationAndBuildWatchTheSourcesAndThePom() throws Exception {
        Evaluation tilt = evaluate(PROJECT.resolve("Tiltfile"));

        JsonNode crdGen = tilt.manifest("secret-manager-controller-crd-gen").get("DeployTarget");
        assertEquals(List.of(PROJECT.resolve("src/main").toString(), PROJECT.resolve("pom.xml").toString()),
                strings(crdGen.get("Deps")));
        assertEquals(List.of("sh", "-c", "scripts/crdgen.sh"), strings(crdGen.at("/UpdateCmdSpec/args")));
        assertEquals(PROJECT.toString(), crdGen.at("/UpdateCmdSpec/dir").asText());

        JsonNode build = tilt.manifest("secret-manager-controller-build").get("DeployTarget");
        assertEquals(List.of(PROJECT.resolve("src").toString(), PROJECT.resolve("pom.xml").toString()),
                strings(build.get("Deps")));
        assertEquals(List.of("sh", "-c", "scripts/tilt-build.sh"), strings(build.at("/UpdateCmdSpec/args")));
    }

    @Test
    void imageIsLiveUpdatedBySyncingTheJarAndSighupToPidOne() throws Exception {
        Evaluation tilt = evaluate(PROJECT.resolve("Tiltfile"));

        JsonNode image = tilt.manifest("secret-manager-controller").at("/ImageTargets/0");
        assertEquals(IMAGE, image.get("selector").asText());
        assertEquals("tilt", image.at("/BuildDetails/target").asText());
        assertEquals(Files.readString(PROJECT.resolve("Dockerfile")), image.at("/BuildDetails/dockerfileContents")
                .asText());
        JsonNode liveUpdate = image.get("LiveUpdateSpec");
        assertEquals(List.of("target/image"), strings(liveUpdate.get("stopPaths")));
        assertEquals(1, liveUpdate.get("syncs").size());
        assertEquals("target/secret-manager-controller.jar", liveUpdate.at("/syncs/0/localPath").asText());
        assertEquals(JAR_IN_IMAGE, liveUpdate.at("/syncs/0/containerPath").asText());
        assertEquals(List.of("sh", "-c", "kill -HUP 1"), strings(liveUpdate.at("/execs/0/args")));
        // The path the sync writes is where the image's launcher runs the jar from.
        assertTrue(Files.readString(PROJECT.resolve("src/main/image/launcher.sh"))
                .contains("\"$home/app/secret-manager-controller.jar\""));
        assertTrue(Files.readString(PROJECT.resolve("Dockerfile"))
                .contains("COPY target/image /opt/secret-manager-controller/"));
    }

    @Test
    void deploysTheInstallIntoFluxSystemWithTheTiltImageAndAPortForward() throws Exception {
        Evaluation tilt = evaluate(PROJECT.resolve("Tiltfile"));

        JsonNode deploy = tilt.manifest("secret-manager-controller").get("DeployTarget");
        assertEquals(8080, deploy.at("/portForwardTemplateSpec/forwards/0/localPort").asInt());
        assertEquals(8080, deploy.at("/portForwardTemplateSpec/forwards/0/containerPort").asInt());
        List<JsonNode> objects = documents(deploy.get("yaml").asText());
        Map<String, String> kinds = new TreeMap<>();
        for (JsonNode object : objects) {
            kinds.put(object.get("kind").asText() + "/" + object.at("/metadata/name").asText(),
                    object.at("/metadata/namespace").asText(""));
        }
        assertEquals("", kinds.get("CustomResourceDefinition/secretmanagerconfigs.secret-management.microscaler.io"));
        assertEquals("flux-system", kinds.get("Deployment/secret-manager-controller"));
        assertEquals("flux-system", kinds.get("ServiceAccount/secret-manager-controller"));
        assertTrue(kinds.containsKey("ClusterRole/secret-manager-controller"), kinds::toString);
        kinds.forEach((object, namespace) -> {
            if (!object.startsWith("Cluster") && !object.startsWith("CustomResourceDefinition/")) {
                assertEquals("flux-system", namespace, object);
            }
        });

        JsonNode container = deployment(objects).at("/spec/template/spec/containers/0");
        assertEquals(IMAGE, container.get("image").asText());
        assertEquals("Never", container.get("imagePullPolicy").asText());
        assertTrue(strings(container.get("args")).contains("--leader-elect=true"));
        assertFalse(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(true),
                "live update writes the jar");
        assertEquals(Optional.of("secret-manager-fake.flux-system.svc:9090"), env(container,
                "SECRET_MANAGER_EMULATOR_HOST"));

        JsonNode fake = tilt.manifest("secret-manager-fake");
        assertEquals(IMAGE.replace(":tilt", "-fake:tilt"), fake.at("/ImageTargets/0/selector").asText());
        assertEquals("fake", fake.at("/ImageTargets/0/BuildDetails/target").asText());
    }

    @Test
    void gcpModeDeploysNoFakeAndTheImageCanBeOverridden() throws Exception {
        Evaluation tilt = evaluate(PROJECT.resolve("Tiltfile"), "--smc-secret-manager=gcp",
                "--smc-image=registry.example/smc:dev");

        assertEquals(List.of("secret-manager-controller", "secret-manager-controller-build",
                "secret-manager-controller-crd-gen"), tilt.manifestNames());
        JsonNode manifest = tilt.manifest("secret-manager-controller");
        assertEquals("registry.example/smc:dev", manifest.at("/ImageTargets/0/selector").asText());
        JsonNode container = deployment(documents(manifest.at("/DeployTarget/yaml").asText()))
                .at("/spec/template/spec/containers/0");
        assertEquals("registry.example/smc:dev", container.get("image").asText());
        assertEquals(Optional.empty(), env(container, "SECRET_MANAGER_EMULATOR_HOST"));
    }

    @Test
    void aParentTiltfileLoadsItWithPathsRelativeToItsOwnFolder() throws Exception {
        Path parent = Files.createDirectories(work.resolve("platform"));
        Path link = Files.createSymbolicLink(Files.createDirectories(parent.resolve("hack/controllers"))
                .resolve("secret-manager-controller"), PROJECT);
        Files.writeString(parent.resolve("Tiltfile"), """
                load('./hack/controllers/secret-manager-controller/Tiltfile', 'SECRET_MANAGER_CONTROLLER_IMAGE')
                local_resource('uses-the-symbol', cmd='echo ' + SECRET_MANAGER_CONTROLLER_IMAGE)
                """);

        Evaluation tilt = evaluateAndUnlink(parent.resolve("Tiltfile"), link);

        assertEquals(List.of("sh", "-c", "echo " + IMAGE),
                strings(tilt.manifest("uses-the-symbol").at("/DeployTarget/UpdateCmdSpec/args")));
        assertEquals(6, tilt.manifestNames().size(), tilt.manifestNames()::toString);
        JsonNode crdGen = tilt.manifest("secret-manager-controller-crd-gen").get("DeployTarget");
        assertEquals(link.toString(), crdGen.at("/UpdateCmdSpec/dir").asText());
        assertEquals(List.of(link.resolve("src/main").toString(), link.resolve("pom.xml").toString()),
                strings(crdGen.get("Deps")));
        assertEquals(link.toString(), tilt.manifest("secret-manager-controller").at("/ImageTargets/0/BuildDetails/context")
                .asText());
        assertEquals("flux-system", deployment(documents(tilt.manifest("secret-manager-controller")
                .at("/DeployTarget/yaml").asText())).at("/metadata/namespace").asText());
    }

    @Test
    void aParentTiltfileIncludesIt() throws Exception {
        Path parent = Files.createDirectories(work.resolve("platform"));
        Path link = Files.createSymbolicLink(parent.resolve("smc"), PROJECT);
        Files.writeString(parent.resolve("Tiltfile"), "include('./smc/Tiltfile')\n");

        Evaluation tilt = evaluateAndUnlink(parent.resolve("Tiltfile"), link);

        assertEquals(5, tilt.manifestNames().size(), tilt.manifestNames()::toString);
    }

    // ---- evaluation ----------------------------------------------------------------------------------------------

    private record Evaluation(JsonNode result, String log) {
        List<JsonNode> manifests() {
            return StreamSupport.stream(result.get("Manifests").spliterator(), false).toList();
        }

        List<String> manifestNames() {
            return manifests().stream().map(manifest -> manifest.get("Name").asText()).sorted().toList();
        }

        JsonNode manifest(String name) {
            return manifests().stream().filter(manifest -> manifest.get("Name").asText().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no resource " + name + " in " + manifestNames()));
        }
    }

    /** Evaluates a parent Tiltfile that reaches the project through {@code link}, removed afterwards. */
    private Evaluation evaluateAndUnlink(Path tiltfile, Path link) throws IOException, InterruptedException {
        try {
            return evaluate(tiltfile);
        } finally {
            Files.delete(link);
        }
    }

    private Evaluation evaluate(Path tiltfile, String... settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TILT.toString(), "alpha", "tiltfile-result", "-f",
                tiltfile.toString()));
        if (settings.length > 0) {
            command.add("--");
            command.addAll(List.of(settings));
        }
        Path out = work.resolve("tilt.json");
        Path err = work.resolve("tilt.log");
        Process tilt = new ProcessBuilder(command).directory(tiltfile.getParent().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(tilt.waitFor(2, TimeUnit.MINUTES), "tilt did not finish");
        String log = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, tilt.exitValue(), log);
        JsonNode result = JSON.readTree(out.toFile());
        assertTrue(result.get("Error").isNull(), () -> result.get("Error") + "\n" + log);
        return new Evaluation(result, log);
    }

    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
        }
        return documents;
    }

    private static JsonNode deployment(List<JsonNode> objects) {
        return objects.stream().filter(object -> object.get("kind").asText().equals("Deployment")
                        && object.at("/metadata/name").asText().equals("secret-manager-controller"))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment secret-manager-controller"));
    }

    private static Optional<String> env(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.get("name").asText().equals(name)) {
                return Optional.of(variable.path("value").asText());
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.asText()));
        return strings;
    }
}
