package io.smc.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Turns {@code application.properties} into the value of one secret: a JSON object of its entries with sorted keys,
 * so the same properties always give the same bytes and never a spurious new version. Read as UTF-8 with
 * {@link Properties} rules ({@code =}, {@code :} or blank separators, {@code #}/{@code !} comments, continuation
 * lines, {@code \\uXXXX} escapes).
 */
public final class PropertiesSecret {
    /** The key the properties secret is named by: {@code <prefix>-properties-<suffix>}. */
    public static final String KEY = "properties";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PropertiesSecret() {
    }

    /** The secret entry, or {@code null} when the file has no properties at all. */
    public static SecretEntry parse(String file, byte[] content) throws SecretFileException {
        String text;
        try {
            text = Utf8.decode(content);
        } catch (CharacterCodingException e) {
            throw new SecretFileException(Origin.of(file), "is not valid UTF-8");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException | IOException e) {
            throw new SecretFileException(Origin.of(file), "malformed properties: bad \\uXXXX escape");
        }
        if (properties.isEmpty()) {
            return null;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> sorted.put(name, properties.getProperty(name)));
        try {
            return new SecretEntry(KEY, SecretValue.of(JSON.writeValueAsBytes(sorted)), false, Origin.of(file));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
