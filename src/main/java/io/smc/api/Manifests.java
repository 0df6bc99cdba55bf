package io.smc.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.api.schema.OpenApiSchema;
import io.smc.api.schema.SchemaDefaults;
import io.smc.api.schema.SchemaValidator;
import io.smc.api.schema.Violation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SecretManagerConfig manifests as the API server would admit them: checked against the generated schema
 * (unknown fields, types, patterns, cross-field rules), defaulted, bound to the records, then checked by
 * {@link ConfigValidator}. What the server would refuse is a {@link ManifestException} naming each field.
 */
public final class Manifests {
    private static final ObjectNode SCHEMA = OpenApiSchema.of(SecretManagerConfig.class);
    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {
    }

    /** Every SecretManagerConfig document of a YAML stream; other kinds are skipped. */
    public static List<SecretManagerConfig> readAll(byte[] yaml, String source) throws ManifestException {
        List<SecretManagerConfig> configs = new ArrayList<>();
        int index = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                index++;
                if (document != null && SecretManagerConfig.KIND.equals(document.path("kind").asText())) {
                    configs.add(parse(document, source + " (document " + index + ")"));
                }
            }
        } catch (JsonProcessingException e) {
            throw new ManifestException(source, List.of(new Violation("", "malformed YAML at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())));
        } catch (IOException e) {
            throw new ManifestException(source, List.of(new Violation("", "cannot be read: " + e.getMessage())));
        }
        return configs;
    }

    /** One SecretManagerConfig document. */
    public static SecretManagerConfig parse(JsonNode document, String source) throws ManifestException {
        String apiVersion = document.path("apiVersion").asText();
        if (!SecretManagerConfig.API_VERSION.equals(apiVersion)) {
            throw new ManifestException(source, List.of(new Violation("apiVersion", "'" + apiVersion
                    + "' is not " + SecretManagerConfig.API_VERSION)));
        }
        List<Violation> violations = SchemaValidator.validate(document, SCHEMA);
        if (!violations.isEmpty()) {
            throw new ManifestException(source, violations);
        }
        JsonNode admitted = document.deepCopy();
        SchemaDefaults.apply(admitted, SCHEMA);
        SecretManagerConfig config;
        try {
            config = ApiJson.mapper().treeToValue(admitted, SecretManagerConfig.class);
        } catch (JsonProcessingException e) {
            throw new ManifestException(source, List.of(new Violation(e.getOriginalMessage(), "cannot be read")));
        }
        violations = ConfigValidator.validate(config);
        if (!violations.isEmpty()) {
            throw new ManifestException(source, violations);
        }
        return config;
    }
}
