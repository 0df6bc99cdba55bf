package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A secret and its versions. Versions are never removed (destroying one keeps its record), so the next number is
 * always one past the highest ever given. Guarded by the model's lock.
 */
final class StoredSecret {
    private final SecretKey key;
    private Secret metadata;
    private final NavigableMap<Long, StoredVersion> versions = new TreeMap<>();

    StoredSecret(SecretKey key, Secret metadata) {
        this.key = key;
        this.metadata = metadata;
    }

    SecretKey key() {
        return key;
    }

    Secret metadata() {
        return metadata;
    }

    void replace(Secret updated) {
        metadata = updated;
    }

    long nextVersionNumber() {
        return versions.isEmpty() ? 1 : versions.lastKey() + 1;
    }

    void put(StoredVersion version) {
        versions.put(version.number(), version);
    }

    Optional<StoredVersion> version(long number) {
        return Optional.ofNullable(versions.get(number));
    }

    /** The most recently created version, whatever its state: what the {@code latest} alias names. */
    Optional<StoredVersion> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    List<StoredVersion> oldestFirst() {
        return new ArrayList<>(versions.values());
    }

    List<StoredVersion> newestFirst() {
        return new ArrayList<>(versions.descendingMap().values());
    }
}
