package io.smc.provider.local;

import io.smc.provider.VersionState;
import java.util.List;
import java.util.Map;

/** The {@code secret.json} of one secret in a local store. Never holds a value, only its digest and size. */
record SecretMetadata(String name, Map<String, String> labels, String createTime, List<Version> versions) {
    record Version(long version, VersionState state, String sha256, int size, String createTime) {
        Version withState(VersionState newState) {
            return new Version(version, newState, sha256, size, createTime);
        }
    }
}
