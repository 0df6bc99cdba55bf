package io.smc.secrets.kustomize;

/**
 * Kustomize mode could not produce the revision's Secrets: the build failed, timed out or wrote too much, its output
 * is not YAML, or an input could not be decrypted ({@link #undecryptable()}). The message names files and paths,
 * never content.
 */
public final class KustomizeException extends Exception {
    private final boolean undecryptable;

    public KustomizeException(String message) {
        this(message, false);
    }

    /** @param undecryptable an encrypted input could not be decrypted with the keys given */
    public KustomizeException(String message, boolean undecryptable) {
        super(message, null, false, false);
        this.undecryptable = undecryptable;
    }

    public boolean undecryptable() {
        return undecryptable;
    }
}
