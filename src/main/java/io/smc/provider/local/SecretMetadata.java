package io.smc.provider.local;

import io.smc.api.Replication;
import io.smc.provider.VersionState;
import java.util.List;
import java.util.Map;

/**
 * The {@code secret.json} of one secret in a local store. Never holds a value, only its digest and size.
 *
 * @param generation counts the changes of labels and annotations; the etag is made of it (0 in stores written
 *                   before etags existed)
 */
record SecretMetadata(String name, Map<String, String> labels, Map<String, String> annotations, long generation,
        Replication replication, String createTime, List<Version> versions) {
    SecretMetadata {
        annotations = annotations == null ? Map.of() : annotations;
    }

    String etag() {
        return "\"" + generation + "\"";
    }

    SecretMetadata withVersions(List<Version> newVersions) {
        return new SecretMetadata(name, labels, annotations, generation, replication, createTime, newVersions);
    }

    record Version(long version, VersionState state, String sha256, int size, String createTime) {
        Version withState(VersionState newState) {
            return new Version(version, newState, newState == VersionState.DESTROYED ? null : sha256,
                    newState == VersionState.DESTROYED ? 0 : size, createTime);
        }
    }
}
