package io.smc.secrets;

/**
 * A secrets file that cannot be read as a whole. The message names the file, the line and column where known, and
 * what is wrong, never the content: callers may print it as it is.
 */
public final class SecretFileException extends Exception {
    private final Origin origin;
    private final String reason;

    public SecretFileException(Origin origin, String reason) {
        super(origin + ": " + reason, null, false, false);
        this.origin = origin;
        this.reason = reason;
    }

    public Origin origin() {
        return origin;
    }

    public String reason() {
        return reason;
    }
}
