package io.smc.source;

/**
 * A revision that cannot be fetched or unpacked: a digest mismatch, an oversized or malicious archive, a failed
 * download or checkout. {@link #retryable()} tells transient failures (network, 5xx) from refusals.
 */
public final class SourceException extends Exception {
    private final boolean retryable;

    public SourceException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
