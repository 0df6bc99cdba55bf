package io.smc.provider.gcp;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how patiently, a failed Secret Manager call is repeated: the backoff before retry n is drawn
 * between zero and {@code min(maxBackoff, initialBackoff * multiplier^(n-1))} ("full jitter").
 *
 * @param maxAttempts how many times a call is tried in all, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, not " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a number of at least 1, not " + multiplier);
        }
    }

    /** Six attempts, backing off from up to 250 ms, doubling, to at most 16 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(250), Duration.ofSeconds(16), 2.0);
    }

    /** The longest backoff after attempt {@code failedAttempt} (1 for the first) failed. */
    public Duration backoffCeiling(int failedAttempt) {
        if (failedAttempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + failedAttempt);
        }
        // In doubles, where a large power becomes infinity and the cap still applies, rather than overflowing.
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, failedAttempt - 1);
        return Duration.ofNanos((long) Math.min(maxBackoff.toNanos(), nanos));
    }
}
