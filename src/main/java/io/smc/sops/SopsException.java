package io.smc.sops;

/**
 * A SOPS file that cannot be decrypted. The message names the file and what is wrong — the recipients it was
 * encrypted for when no key of ours matches — and never holds plaintext, key material or the data key.
 */
public final class SopsException extends Exception {
    /** Why decryption failed, for conditions and events. */
    public enum Kind {
        /** The file has no SOPS metadata, or it is malformed. */
        MALFORMED,
        /** None of our keys can open the data key; the message lists the file's recipients. */
        NO_MATCHING_KEY,
        /** A value, the MAC or the metadata was changed, or the MAC is missing. */
        INTEGRITY,
        /** A feature or key type this build does not handle (KMS, Shamir key groups, passphrase keys). */
        UNSUPPORTED,
        /** A key given to us cannot be read. */
        BAD_KEY
    }

    private final Kind kind;

    public SopsException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
