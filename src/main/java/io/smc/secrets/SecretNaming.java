package io.smc.secrets;

import java.util.StringJoiner;

/**
 * Secret names: {@code {prefix}-{key}-{suffix}} with empty parts dropped, every character outside
 * {@code [A-Za-z0-9_-]} replaced by {@code _}, runs of {@code -} collapsed. Secret Manager accepts 1 to 255 such
 * characters; a longer name is an error, never truncated (two truncated names could meet).
 */
public final class SecretNaming {
    public static final int MAX_LENGTH = 255;

    private SecretNaming() {
    }

    /** The name, or an {@link InvalidNameException} saying why there is none. */
    public static String name(String prefix, String key, String suffix) throws InvalidNameException {
        StringJoiner parts = new StringJoiner("-");
        for (String part : new String[] {prefix, key, suffix}) {
            if (part != null && !part.isEmpty()) {
                parts.add(part);
            }
        }
        String name = sanitise(parts.toString());
        if (name.isEmpty()) {
            throw new InvalidNameException("key '" + key + "' gives an empty secret name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidNameException("key '" + key + "' gives a secret name of " + name.length()
                    + " characters; Secret Manager allows at most " + MAX_LENGTH);
        }
        return name;
    }

    static String sanitise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        raw.codePoints().forEach(c -> {
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (c == '-' && out.length() > 0 && out.charAt(out.length() - 1) == '-') {
                return;
            }
            out.append(allowed ? (char) c : '_');
        });
        return out.toString();
    }

    /** A key that cannot be turned into a Secret Manager name. */
    public static final class InvalidNameException extends Exception {
        public InvalidNameException(String message) {
            super(message, null, false, false);
        }
    }
}
