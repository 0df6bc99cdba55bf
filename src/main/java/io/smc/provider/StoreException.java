package io.smc.provider;

/**
 * A store call that did not take effect. The message names the store and the secret, never a value.
 */
public final class StoreException extends Exception {
    private enum Kind { REFUSED, TRANSIENT, STALE }

    private final Kind kind;

    private StoreException(String message, Throwable cause, Kind kind) {
        super(message, cause);
        this.kind = kind;
    }

    /** The store refused: no such secret, already exists, not a store. Retrying the same call fails the same way. */
    public static StoreException refused(String message) {
        return new StoreException(message, null, Kind.REFUSED);
    }

    /** As {@link #refused(String)}, keeping the store's own exception for the log. */
    public static StoreException refused(String message, Throwable cause) {
        return new StoreException(message, cause, Kind.REFUSED);
    }

    /** The call failed on the way (I/O, network, lock held); the same call may succeed later. */
    public static StoreException transientFailure(String message, Throwable cause) {
        return new StoreException(message, cause, Kind.TRANSIENT);
    }

    /** The etag given as a precondition is outdated: someone changed the secret; read it again before deciding. */
    public static StoreException stale(String message, Throwable cause) {
        return new StoreException(message, cause, Kind.STALE);
    }

    public boolean retryable() {
        return kind == Kind.TRANSIENT;
    }

    public boolean stale() {
        return kind == Kind.STALE;
    }
}
