package io.smc.secrets.kustomize;

/**
 * A kustomization that could not be rendered: the build failed, timed out or wrote too much, or an input could not
 * be decrypted. Nothing of the revision is published then. The message names the kustomization and, for a failed
 * build, the first lines of kustomize's error output, cut short; it never holds a decrypted value.
 */
public final class KustomizeException extends Exception {
    public KustomizeException(String message) {
        super(message, null, false, false);
    }
}
