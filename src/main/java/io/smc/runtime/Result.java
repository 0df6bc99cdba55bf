package io.smc.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile asks of the loop that called it, as controller-runtime's {@code reconcile.Result}: nothing more
 * ({@link #done()}), to look again after a delay ({@link #after(Duration)}), or to try again with the key's backoff
 * ({@link #retry()}). A thrown exception is a {@link #retry()} too; a {@link TerminalException} is not retried.
 *
 * @param kind  which of the three
 * @param delay the delay of {@link Kind#REQUEUE_AFTER}; zero otherwise
 */
public record Result(Kind kind, Duration delay) {
    public enum Kind {
        /** Reconciled; the key's backoff is reset and nothing is scheduled. */
        DONE,
        /** Reconciled; look again after the delay (a periodic resync, a source not ready yet). */
        REQUEUE_AFTER,
        /** Not reconciled; try again after the key's next backoff delay. */
        RETRY
    }

    private static final Result DONE = new Result(Kind.DONE, Duration.ZERO);
    private static final Result RETRY = new Result(Kind.RETRY, Duration.ZERO);

    public Result {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (kind == Kind.REQUEUE_AFTER ? delay.isNegative() || delay.isZero() : !delay.isZero()) {
            throw new IllegalArgumentException(kind + " cannot have the delay " + delay);
        }
    }

    public static Result done() {
        return DONE;
    }

    /** @throws IllegalArgumentException for a delay that is not positive */
    public static Result after(Duration delay) {
        return new Result(Kind.REQUEUE_AFTER, delay);
    }

    public static Result retry() {
        return RETRY;
    }
}
