package io.smc.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a store holds for one secret, without values. Versions are sorted by number. */
public record StoredSecret(String name, Map<String, String> labels, List<StoredVersion> versions) {
    public StoredSecret {
        labels = Map.copyOf(labels);
        versions = versions.stream().sorted(Comparator.comparingLong(StoredVersion::number)).toList();
    }

    /** The newest version that is not destroyed: what Secret Manager's {@code latest} alias serves when enabled. */
    public Optional<StoredVersion> newestLiveVersion() {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).state() != VersionState.DESTROYED) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }
}
