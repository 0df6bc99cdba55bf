package io.smc.source.flux;

/**
 * What a Flux source's {@code status.artifact} says about its current revision.
 *
 * @param sourceUid      the source object's uid, so a deleted and recreated source never shares cache entries
 * @param url            where source-controller serves the archive
 * @param revision       {@code main@sha1:…}, an OCI digest, a bucket's etag digest
 * @param digest         {@code algorithm:hex}; from the legacy {@code checksum} (sha256 hex) when {@code digest} is absent;
 *                       null when the source gave neither
 * @param size           bytes of the archive, or null when not reported
 * @param lastUpdateTime as reported, or null
 */
public record FluxArtifact(String sourceUid, String url, String revision, String digest, Long size,
        String lastUpdateTime) {
}
