package io.smc.secrets;

import java.util.Objects;

/**
 * One key of a secrets file with its value. A disabled entry ({@code #KEY=value} in a {@code .env} file) stays in
 * the desired set so its published versions can be disabled rather than forgotten.
 */
public record SecretEntry(String key, SecretValue value, boolean disabled, Origin origin) {
    public SecretEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
