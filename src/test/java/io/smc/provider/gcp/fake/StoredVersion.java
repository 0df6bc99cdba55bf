package io.smc.provider.gcp.fake;

import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;

/** A version as stored: what Get answers, and the data Access answers (empty once destroyed). */
record StoredVersion(SecretVersion metadata, ByteString data) {

    long number() {
        String name = metadata.getName();
        return Long.parseLong(name.substring(name.lastIndexOf('/') + 1));
    }

    SecretVersion.State state() {
        return metadata.getState();
    }
}
