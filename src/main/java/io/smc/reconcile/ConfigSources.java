package io.smc.reconcile;

import io.smc.api.SecretManagerConfig;
import io.smc.source.Artifact;
import io.smc.source.SourceException;
import io.smc.source.SourceNotReadyException;

/** Where a config's revisions come from: its {@code spec.sourceRef}, whichever kind it names. */
public interface ConfigSources {
    /**
     * The source's current revision, fetched, checked and unpacked (from a cache when the revision is known).
     *
     * @throws SourceNotReadyException missing, not ready, or no artifact yet: wait, touch nothing
     * @throws SourceException         the revision could not be fetched or unpacked (digest mismatch, 404, truncated)
     */
    Artifact fetch(SecretManagerConfig config, String namespace) throws SourceNotReadyException, SourceException;

    /**
     * Sets a Flux GitRepository's {@code spec.suspend} to {@code suspend} when it differs; false when nothing was
     * patched (already so, or not a GitRepository).
     */
    boolean suspendGitPulls(SecretManagerConfig config, String namespace, boolean suspend)
            throws SourceNotReadyException, SourceException;
}
