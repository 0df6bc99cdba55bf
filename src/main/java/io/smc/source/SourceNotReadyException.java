package io.smc.source;

/**
 * The source has no usable revision yet — not ready, reconciling, no artifact, or its artifact was garbage-collected
 * — so the caller waits and retries later, touching nothing. The message is the source's own where it gave one.
 */
public final class SourceNotReadyException extends Exception {
    public SourceNotReadyException(String message) {
        super(message, null, false, false);
    }
}
