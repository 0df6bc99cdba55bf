package io.smc.provider;

import io.smc.secrets.SecretValue;
import java.util.Optional;

/** What the {@code latest} alias of a secret resolves to. */
public sealed interface LatestVersion {
    /** The secret has no version yet (or does not exist). */
    record None() implements LatestVersion {
    }

    /** The newest version is enabled: its number and value. */
    record Readable(long number, SecretValue value) implements LatestVersion {
    }

    /**
     * The newest version is disabled or destroyed, so its value cannot be read.
     *
     * @param sha256 the value's digest where the store keeps one (the local store does), else empty
     */
    record Unreadable(long number, VersionState state, Optional<String> sha256) implements LatestVersion {
    }
}
