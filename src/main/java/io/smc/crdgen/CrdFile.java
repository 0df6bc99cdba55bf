package io.smc.crdgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CRD as the YAML file committed at {@value #DEFAULT_PATH}: a header, then the document, byte for byte stable. */
public final class CrdFile {
    public static final String DEFAULT_PATH = "config/crd/secretmanagerconfig.yaml";
    static final String HEADER = """
            # Generated from the records in io.smc.api by `secret-manager-controller crdgen`; do not edit.
            # After changing a record, regenerate it with scripts/crdgen.sh (the build fails until then).
            """;
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private CrdFile() {
    }

    /** The generated CRD, as the file holds it. */
    public static String generated() {
        return render(CrdGenerator.crd());
    }

    /** Writes the generated CRD to {@code file} unless it already holds it; returns whether it wrote. */
    public static boolean write(Path file) throws IOException {
        if (Files.exists(file) && isUpToDate(file)) {
            // Untouched, so that what watches the file (the Tiltfile's deploy of config/) sees no change.
            return false;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, generated(), StandardCharsets.UTF_8);
        return true;
    }

    /** Whether {@code file} holds exactly what would be generated now. */
    public static boolean isUpToDate(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).equals(generated());
    }

    static String render(JsonNode crd) {
        try {
            return HEADER + YAML.writeValueAsString(crd);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }
}
