package io.smc.secrets;

/**
 * Something in the revision that could not be turned into a secret. It names a place ({@code where}: a file and
 * line, or a secret name) and what is wrong; it never holds a value.
 */
public record Problem(String where, String message) {
    @Override
    public String toString() {
        return where + ": " + message;
    }
}
