package io.smc.secrets;

/** A revision that cannot be read at all: no such directory, no service, no service with the environment. */
public final class SourceException extends Exception {
    public SourceException(String message) {
        super(message, null, false, false);
    }
}
