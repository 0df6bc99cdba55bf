package io.smc.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns {@code application.properties} into the value of one secret: a JSON object of its entries with sorted keys,
 * so the same properties always give the same bytes and never a spurious new version. The file is read by
 * {@link PropertiesFile}. This is what a config publishes unless {@code spec.configs.enabled} asks for one secret per
 * property ({@link SecretsSettings.PropertiesMode}).
 */
public final class PropertiesSecret {
    /** The key the properties secret is named by: {@code <prefix>-properties-<suffix>}. */
    public static final String KEY = "properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertiesSecret() {
    }

    /** The secret entry, or {@code null} when the file has no properties at all. */
    public static SecretEntry parse(String file, byte[] content) throws SecretFileException {
        List<PropertiesFile.Property> properties = PropertiesFile.parse(file, content);
        if (properties.isEmpty()) {
            return null;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        properties.forEach(property -> sorted.put(property.key(), property.value()));
        try {
            return new SecretEntry(KEY, SecretValue.of(JSON.writeValueAsBytes(sorted)), false, Origin.of(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
