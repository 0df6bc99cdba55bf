package io.smc.secrets;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code application.properties} as UTF-8 with {@link Properties} rules ({@code =}, {@code :} or blank
 * separators, {@code #}/{@code !} comments, continuation lines, {@code \\uXXXX} escapes; a key defined twice keeps its
 * last value).
 *
 * <p>Keys and values always come from {@link Properties#load} of the whole file, so they are exactly what an
 * application reading the file sees. {@link Properties} tells no lines, so {@link PropertiesLines} finds where each
 * property starts, and that is used only to name the line: were the two ever to disagree about a key, the property
 * would lose its line, never its value.
 */
public final class PropertiesFile {
    private PropertiesFile() {
    }

    /** One property: its key, its value as text, and where it starts. */
    public record Property(String key, String value, Origin origin) {
        /** Names the property and its origin, never the value. */
        @Override
        public String toString() {
            return "Property[" + key + " at " + origin + "]";
        }
    }

    /** The file's properties, sorted by key; an empty list when it holds none (blank lines and comments only). */
    public static List<Property> parse(String file, byte[] content) throws SecretFileException {
        String text;
        try {
            text = Utf8.decode(content);
        } catch (CharacterCodingException e) {
            throw new SecretFileException(Origin.of(file), "is not valid UTF-8");
        }
        Properties properties = load(text);
        if (properties == null) {
            throw new SecretFileException(firstMalformedLine(file, text), "malformed properties: bad \\uXXXX escape");
        }
        Map<String, Integer> lines = startLines(text);
        List<Property> result = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            result.add(new Property(key, properties.getProperty(key), new Origin(file, lines.getOrDefault(key, 0))));
        }
        result.sort(Comparator.comparing(Property::key));
        return result;
    }

    /** The properties of {@code text}, or null when it holds a malformed {@code \\uXXXX} escape. */
    private static Properties load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
        return properties;
    }

    /** Each key's start line; a key written twice gets the line of its last definition, the one that counts. */
    private static Map<String, Integer> startLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        for (PropertiesLines.LogicalLine line : PropertiesLines.split(text)) {
            Properties one = load(line.text());
            if (one != null) {
                one.stringPropertyNames().forEach(key -> lines.put(key, line.number()));
            }
        }
        return lines;
    }

    private static Origin firstMalformedLine(String file, String text) {
        return PropertiesLines.split(text).stream()
                .filter(line -> load(line.text()) == null)
                .findFirst()
                .map(line -> new Origin(file, line.number()))
                .orElse(Origin.of(file));
    }
}
