package io.smc.crdgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.install.Kustomize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdFileTest {
    private static final Path COMMITTED = Path.of(CrdFile.DEFAULT_PATH);
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void committedCrdIsWhatTheRecordsGenerate() throws Exception {
        assertTrue(CrdFile.isUpToDate(COMMITTED), COMMITTED + " is stale: the API records changed; run "
                + "scripts/crdgen.sh and commit the result");
    }

    @Test
    void writingLeavesAnUpToDateFileUntouched(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("crd.yaml");
        Files.writeString(file, "stale");

        assertTrue(CrdFile.write(file), "a stale file is written");
        assertTrue(CrdFile.isUpToDate(file));
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, written);

        assertFalse(CrdFile.write(file), "an up-to-date file is left alone");
        assertEquals(written, Files.getLastModifiedTime(file), "so that a watcher sees no change");
    }

    @Test
    void generationIsDeterministic() {
        assertEquals(CrdFile.generated(), CrdFile.generated());
    }

    @Test
    void crdHasTheSeedSystemsNamesAndAStatusSubresource() throws Exception {
        JsonNode crd = YAML.readTree(CrdFile.generated());

        assertEquals("secretmanagerconfigs.secret-management.microscaler.io", crd.at("/metadata/name").asText());
        assertEquals("secret-management.microscaler.io", crd.at("/spec/group").asText());
        assertEquals("SecretManagerConfig", crd.at("/spec/names/kind").asText());
        assertEquals("secretmanagerconfigs", crd.at("/spec/names/plural").asText());
        assertEquals("secretmanagerconfig", crd.at("/spec/names/singular").asText());
        assertEquals("smc", crd.at("/spec/names/shortNames/0").asText());
        assertEquals("Namespaced", crd.at("/spec/scope").asText());
        JsonNode version = crd.at("/spec/versions/0");
        assertEquals("v1beta1", version.get("name").asText());
        assertTrue(version.get("served").asBoolean() && version.get("storage").asBoolean());
        assertTrue(version.at("/subresources/status").isObject());
        List<String> columns = new ArrayList<>();
        version.get("additionalPrinterColumns").forEach(c -> columns.add(c.get("name").asText()));
        assertEquals(List.of("Ready", "Phase", "Revision", "Description", "Age"), columns);
        assertEquals(".status.lastAppliedRevision", version.at("/additionalPrinterColumns/2/jsonPath").asText());
    }

    @Test
    void fileStartsWithTheGeneratedHeader() {
        assertTrue(CrdFile.generated().startsWith("# Generated from the records in io.smc.api"));
    }

    @Test
    void kustomizeRendersTheCrd() throws Exception {
        for (String dir : List.of("config/crd", "config")) {
            JsonNode crd = Kustomize.render(dir).only("CustomResourceDefinition");
            assertEquals(YAML.readTree(CrdFile.generated()), crd, dir + " renders the generated CRD unchanged");
        }
    }
}
