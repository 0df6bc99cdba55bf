package io.smc.secrets.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smc.secrets.Problem;
import io.smc.secrets.SecretValue;
import io.smc.sops.SopsDecryptor;
import io.smc.sops.SopsException;
import io.smc.sops.SopsFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code apiVersion: v1}, {@code kind: Secret} documents of a build's output; every other document is ignored. A
 * Secret encrypted as a whole with sops (a top-level {@code sops} key) is decrypted as YAML first; a failure there
 * fails the whole output, as a failed build does.
 */
final class SecretDocuments {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SecretDocuments() {
    }

    static List<SecretDocument> parse(byte[] output, String kustomizePath, SopsDecryptor decryptor)
            throws KustomizeException {
        List<SecretDocument> secrets = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(output)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && isSecret(document)) {
                    secrets.add(secret(decrypted(document, kustomizePath, decryptor)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The parser's message may quote the text it stumbled on, which may be a value: only its kind is kept.
            throw new KustomizeException("output of kustomize build of '" + kustomizePath + "' is not valid YAML ("
                    + rootCause(e).getClass().getSimpleName() + ")");
        }
        return secrets;
    }

    private static boolean isSecret(JsonNode document) {
        return document.isObject() && "v1".equals(document.path("apiVersion").asText())
                && "Secret".equals(document.path("kind").asText());
    }

    private static JsonNode decrypted(JsonNode document, String kustomizePath, SopsDecryptor decryptor)
            throws KustomizeException, IOException {
        if (!document.has("sops")) {
            return document;
        }
        String source = kustomizePath + " Secret " + qualifiedName(document);
        try {
            byte[] plain = decryptor.decrypt(YAML.writeValueAsBytes(document), SopsFormat.YAML, source);
            return YAML.readTree(plain);
        } catch (SopsException e) {
            throw new KustomizeException(e.getMessage());
        }
    }

    private static SecretDocument secret(JsonNode document) {
        String namespace = document.path("metadata").path("namespace").asText("");
        String name = document.path("metadata").path("name").asText("");
        String where = qualifiedName(document);
        Map<String, SecretValue> values = new TreeMap<>();
        Map<String, Problem> problems = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("data").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                String encoded = entry.getValue().isNull() ? "" : entry.getValue().asText();
                values.put(entry.getKey(), SecretValue.of(Base64.getDecoder().decode(encoded.strip())));
            } catch (IllegalArgumentException e) {
                problems.put(entry.getKey(),
                        new Problem("Secret " + where + " key " + entry.getKey(), "data value is not base64"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("stringData").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String text = entry.getValue().isNull() ? "" : entry.getValue().asText();
            values.put(entry.getKey(), SecretValue.of(text.getBytes(StandardCharsets.UTF_8)));
            problems.remove(entry.getKey()); // stringData replaces the unreadable data value
        }
        return new SecretDocument(namespace, name, values, List.copyOf(problems.values()));
    }

    private static String qualifiedName(JsonNode document) {
        String namespace = document.path("metadata").path("namespace").asText("");
        String name = document.path("metadata").path("name").asText("");
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }
}
