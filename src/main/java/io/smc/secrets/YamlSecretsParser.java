package io.smc.secrets;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code application.secrets.yaml}: nested mappings are flattened with {@code .}, list items become
 * {@code key[i]}, scalars are taken as written, {@code !!binary} scalars as their bytes. The top level must be a
 * mapping; null values and duplicate keys are errors. Streaming, so every entry knows its line.
 */
public final class YamlSecretsParser {
    /** {@code key:} with nothing after it is null in YAML; the builder does not switch this default on by itself. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    /** Parser messages may quote the text they stumbled on, which may be a secret: quoted parts are cut. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");

    private final String file;
    private final List<SecretEntry> entries = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();

    private YamlSecretsParser(String file) {
        this.file = file;
    }

    public static List<SecretEntry> parse(String file, byte[] content) throws SecretFileException {
        try {
            Utf8.decode(content);
        } catch (CharacterCodingException e) {
            throw new SecretFileException(Origin.of(file), "is not valid UTF-8 (YAML must be Unicode text)");
        }
        YamlSecretsParser parser = new YamlSecretsParser(file);
        try (JsonParser yaml = FACTORY.createParser(content)) {
            parser.document(yaml);
        } catch (JsonProcessingException e) {
            throw parser.malformed(e);
        } catch (IOException e) {
            throw new SecretFileException(Origin.of(file), "cannot be read: " + e.getClass().getSimpleName());
        }
        return parser.entries;
    }

    private void document(JsonParser yaml) throws IOException, SecretFileException {
        JsonToken first = yaml.nextToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
            return; // an empty file holds no secrets
        }
        if (first != JsonToken.START_OBJECT) {
            throw new SecretFileException(at(yaml), "top level must be a mapping of keys to values");
        }
        try {
            mapping(yaml, "");
        } catch (SecretFileException e) {
            // A syntax error further on is reported instead: the key named in e may be secret text that only
            // became a key because of it, as in "password: {s3cret" with its closing brace missing.
            while (yaml.nextToken() != null) {
                yaml.skipChildren();
            }
            throw e;
        }
        if (yaml.nextToken() != null) {
            throw new SecretFileException(at(yaml), "holds more than one YAML document; put each in a file of its own");
        }
    }

    private void mapping(JsonParser yaml, String path) throws IOException, SecretFileException {
        Set<String> seen = new HashSet<>();
        while (yaml.nextToken() == JsonToken.FIELD_NAME) {
            String name = yaml.currentName();
            if (!seen.add(name)) {
                throw new SecretFileException(at(yaml), "key '" + join(path, name) + "' is defined twice");
            }
            value(yaml, yaml.nextToken(), join(path, name));
        }
    }

    private void value(JsonParser yaml, JsonToken token, String path) throws IOException, SecretFileException {
        if (((YAMLParser) yaml).isCurrentAlias()) {
            // The streaming parser gives an alias's anchor name, not the anchored value: never publish that.
            throw new SecretFileException(at(yaml), "key '" + path + "' uses an alias (*anchor), which is not "
                    + "supported; write the value out");
        }
        switch (token) {
            case START_OBJECT -> mapping(yaml, path);
            case START_ARRAY -> {
                int index = 0;
                JsonToken item;
                while ((item = yaml.nextToken()) != JsonToken.END_ARRAY) {
                    value(yaml, item, path + "[" + index++ + "]");
                }
            }
            case VALUE_NULL -> throw new SecretFileException(at(yaml), "key '" + path + "' has no value");
            case VALUE_EMBEDDED_OBJECT -> add(yaml, path, SecretValue.of(yaml.getBinaryValue()));
            default -> add(yaml, path, SecretValue.ofUtf8(yaml.getText()));
        }
    }

    private void add(JsonParser yaml, String path, SecretValue value) throws SecretFileException {
        if (!keys.add(path)) { // e.g. "a.b: 1" beside "a: {b: 2}"
            throw new SecretFileException(at(yaml), "key '" + path + "' is defined twice");
        }
        entries.add(new SecretEntry(path, value, false, at(yaml)));
    }

    private Origin at(JsonParser yaml) {
        return new Origin(file, yaml.currentTokenLocation().getLineNr());
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private SecretFileException malformed(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String problem = firstLine(e.getOriginalMessage());
        problem = QUOTED.matcher(problem).replaceAll("'…'");
        if (location == null) {
            return new SecretFileException(Origin.of(file), "malformed YAML: " + problem);
        }
        return new SecretFileException(new Origin(file, location.getLineNr()),
                "malformed YAML at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                        + problem);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
