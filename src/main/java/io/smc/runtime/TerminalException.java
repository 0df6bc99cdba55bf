package io.smc.runtime;

/**
 * A reconcile failed in a way that retrying cannot fix (an invalid spec, a reference to something that cannot
 * exist): the loop records it and does not requeue the key until the object changes. The message names fields and
 * objects, never values.
 */
public class TerminalException extends Exception {
    public TerminalException(String message) {
        super(message);
    }

    public TerminalException(String message, Throwable cause) {
        super(message, cause);
    }
}
