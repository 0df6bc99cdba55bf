package io.smc.provider;

/**
 * A store call that did not take effect. The message names the store and the secret, never a value.
 */
public final class StoreException extends Exception {
    private final boolean retryable;

    private StoreException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** The store refused: no such secret, already exists, not a store. Retrying the same call fails the same way. */
    public static StoreException refused(String message) {
        return new StoreException(message, null, false);
    }

    /** The call failed on the way (I/O, network, lock held); the same call may succeed later. */
    public static StoreException transientFailure(String message, Throwable cause) {
        return new StoreException(message, cause, true);
    }

    public boolean retryable() {
        return retryable;
    }
}
