package io.smc.source;

import java.nio.file.Path;

/**
 * One revision of a source, unpacked and ready to read.
 *
 * @param revision the source's revision as its owner reports it ({@code main@sha1:abc…}, a commit SHA, an OCI digest)
 * @param root     the directory holding the revision's files; read-only for callers, owned by the cache
 */
public record Artifact(String revision, Path root) {
}
