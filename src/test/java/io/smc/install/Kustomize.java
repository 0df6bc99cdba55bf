package io.smc.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The install tree as {@code kubectl kustomize} renders it, the way an operator's {@code kubectl apply -k} sees it.
 * Paths are relative to the project root, which is where Maven runs the tests. A test calling {@link #render} is
 * skipped, saying why, on a machine without kubectl.
 */
public final class Kustomize {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kustomize() {
    }

    /** The objects {@code dir} renders to, in kustomize's order; skips the test when kubectl is missing. */
    public static Rendered render(String dir) throws IOException, InterruptedException {
        assumeTrue(onPath("kubectl"), "kubectl is not installed: the install tree cannot be rendered");
        assertTrue(Files.isRegularFile(Path.of("pom.xml")), "tests run from the project root, not "
                + Path.of("").toAbsolutePath());
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(true).start();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(kubectl.waitFor(120, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
        assertEquals(0, kubectl.exitValue(), "kubectl kustomize " + dir + " failed:\n" + output);
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(output)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    assertTrue(document.isObject(), dir + " rendered a document that is not an object: " + document);
                    objects.add((ObjectNode) document);
                }
            }
        }
        return new Rendered(dir, List.copyOf(objects));
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** What one kustomization rendered. */
    public record Rendered(String dir, List<ObjectNode> objects) {
        public List<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        }

        /** The one object of {@code kind} named {@code name}; fails when there is none or more than one. */
        public ObjectNode one(String kind, String name) {
            List<ObjectNode> found = ofKind(kind).stream()
                    .filter(o -> name.equals(o.path("metadata").path("name").asText())).toList();
            assertEquals(1, found.size(), dir + " renders one " + kind + " " + name + ", not " + found.size());
            return found.get(0);
        }

        /** The only object of {@code kind}; fails when there is none or more than one. */
        public ObjectNode only(String kind) {
            List<ObjectNode> found = ofKind(kind);
            assertEquals(1, found.size(), dir + " renders one " + kind + ", not " + found.size());
            return found.get(0);
        }
    }
}
