package io.smc.provider.gcp;

import io.smc.time.Sleeper;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

/**
 * Repeats a failing call with exponential backoff and full jitter, as {@link RetryPolicy} says. Jitter spreads the
 * retries of many callers that failed together (a quota refusal hits them all at once) over the whole backoff.
 */
public final class Retrier {
    private final RetryPolicy policy;
    private final DoubleSupplier uniform;
    private final Sleeper sleeper;

    /** @param uniform random numbers in [0, 1], which pick each backoff between zero and its ceiling */
    public Retrier(RetryPolicy policy, DoubleSupplier uniform, Sleeper sleeper) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.uniform = Objects.requireNonNull(uniform, "uniform");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A retrier with real randomness and real sleeps. */
    public static Retrier system(RetryPolicy policy) {
        return new Retrier(policy, () -> ThreadLocalRandom.current().nextDouble(), Sleeper.SYSTEM);
    }

    /**
     * Runs {@code attempt} until it returns, fails with an exception {@code retryable} refuses, or has been tried
     * {@link RetryPolicy#maxAttempts} times; the last exception is then thrown as it was. An
     * {@link InterruptedException} from the attempt is never retried.
     *
     * @throws InterruptedException when interrupted while backing off (or found interrupted before it); the thread's
     *                              interrupt flag is set again, and the failure that led to the backoff is attached
     *                              as suppressed
     */
    public <T, E extends Exception> T call(Attempt<T, E> attempt, Predicate<? super Exception> retryable,
            RetryListener listener) throws E, InterruptedException {
        Objects.requireNonNull(retryable, "retryable");
        Objects.requireNonNull(listener, "listener");
        for (int number = 1; ; number++) {
            Exception failure;
            try {
                return attempt.run(number);
            } catch (Exception e) {
                failure = e;
            }
            if (failure instanceof InterruptedException || number >= policy.maxAttempts()
                    || !retryable.test(failure)) {
                throw Retrier.<E>asThrown(failure);
            }
            Duration delay = backoff(number);
            listener.retrying(number, failure, delay);
            backOff(delay, number, failure);
        }
    }

    private Duration backoff(int failedAttempt) {
        double draw = uniform.getAsDouble();
        if (!(draw >= 0 && draw <= 1)) {
            throw new IllegalStateException("the random source gave " + draw + ", outside [0, 1]");
        }
        return Duration.ofNanos((long) (draw * policy.backoffCeiling(failedAttempt).toNanos()));
    }

    private void backOff(Duration delay, int failedAttempt, Exception failure) throws InterruptedException {
        try {
            // A sleeper need not notice a pending interrupt when there is nothing to wait for; a stop must still win.
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedException stopped = new InterruptedException("interrupted while backing off after attempt "
                    + failedAttempt + " failed");
            stopped.addSuppressed(failure);
            throw stopped;
        }
    }

    /**
     * The attempt's own exception, thrown unchanged. It is either unchecked or an {@code E}, the only checked
     * exception {@link Attempt#run} declares, so the cast cannot turn it into something it is not.
     */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E asThrown(Exception failure) {
        return (E) failure;
    }

    /**
     * One try of the call.
     *
     * @param <E> the checked exception it may throw, or {@link RuntimeException} for none
     */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        /**
         * @param attemptNumber 1 for the first try; a later number lets a write that is not idempotent check
         *                      whether its previous try took effect before repeating it
         */
        T run(int attemptNumber) throws E;
    }

    /** Hears of every retry, for logs and metrics. */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener NONE = (failedAttempt, failure, delay) -> { };

        /** Attempt {@code failedAttempt} failed with {@code failure}; the next one follows after {@code delay}. */
        void retrying(int failedAttempt, Exception failure, Duration delay);
    }
}
