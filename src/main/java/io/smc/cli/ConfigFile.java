package io.smc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smc.secrets.SecretsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code spec.secrets} from a file holding one SecretManagerConfig resource (other documents in the file,
 * such as the GitRepository it points at, are skipped): the same resource the controller reconciles.
 */
final class ConfigFile {
    static final String API_GROUP = "secret-management.microscaler.io";
    static final String KIND = "SecretManagerConfig";
    private static final YAMLMapper YAML = new YAMLMapper();

    private ConfigFile() {
    }

    static SecretsSettings read(Path file) throws CommandFailure {
        JsonNode resource = resource(file);
        JsonNode secrets = resource.path("spec").path("secrets");
        if (!secrets.isObject()) {
            throw new CommandFailure(file + ": the SecretManagerConfig has no spec.secrets");
        }
        if (!secrets.path("kustomizePath").asText("").isEmpty()) {
            throw new CommandFailure(file + ": spec.secrets.kustomizePath is set, and kustomize mode is not "
                    + "available in this build; remove it to read the raw secrets files");
        }
        return new SecretsSettings(text(secrets, "environment"), text(secrets, "basePath"), text(secrets, "prefix"),
                text(secrets, "suffix"));
    }

    private static JsonNode resource(Path file) throws CommandFailure {
        List<JsonNode> configs = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(Files.readAllBytes(file))) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && KIND.equals(document.path("kind").asText())) {
                    String apiVersion = document.path("apiVersion").asText();
                    if (!apiVersion.startsWith(API_GROUP + "/")) {
                        throw new CommandFailure(file + ": apiVersion '" + apiVersion + "' is not in group "
                                + API_GROUP);
                    }
                    configs.add(document);
                }
            }
        } catch (NoSuchFileException e) {
            throw new CommandFailure("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new CommandFailure(file + ": malformed YAML at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("config file " + file + " cannot be read: " + e.getMessage());
        }
        if (configs.size() != 1) {
            throw new CommandFailure(file + ": expected one " + KIND + " resource, found " + configs.size());
        }
        return configs.get(0);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
