package io.smc.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code application.properties} into one secret entry per property, for {@code spec.configs.enabled}: the
 * property's key, named like any other key, and its value's UTF-8 bytes, with the file and line it starts on. The
 * file is read by {@link PropertiesFile}; {@link PropertiesSecret} is the default, one JSON secret for the file.
 */
public final class PerPropertySecrets {
    private PerPropertySecrets() {
    }

    /** The entries sorted by key; none when the file has no properties. */
    public static List<SecretEntry> parse(String file, byte[] content) throws SecretFileException {
        List<SecretEntry> entries = new ArrayList<>();
        for (PropertiesFile.Property property : PropertiesFile.parse(file, content)) {
            // Only a \\uXXXX escape can give half of a surrogate pair (the file was valid UTF-8). Such text has no
            // UTF-8 form: encoding it would silently publish '?' in its place.
            if (!isWellFormed(property.value())) {
                throw new SecretFileException(property.origin(), "malformed properties: the value of key '"
                        + property.key() + "' has a \\uXXXX escape that gives half of a surrogate pair");
            }
            entries.add(new SecretEntry(property.key(), SecretValue.ofUtf8(property.value()), false,
                    property.origin()));
        }
        return entries;
    }

    private static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
